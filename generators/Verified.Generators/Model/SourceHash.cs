using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Verified.Generators.Model;

/// <summary>
/// The identity of a cell's declaration: SHA-256 of its tokens joined by single spaces, so that
/// formatting and comments leave it unchanged and any edit to a member, an attribute or an
/// expression changes it. Cached results (training runs) are keyed on it.
/// </summary>
internal static class SourceHash
{
    public static string Of(ClassDeclarationSyntax declaration)
    {
        var tokens = string.Join(" ", declaration.DescendantTokens().Select(token => token.Text));
        using var sha = SHA256.Create();
        var digest = sha.ComputeHash(Encoding.UTF8.GetBytes(tokens));
        return string.Concat(digest.Take(16).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
