using System.CommandLine;
using System.Text.RegularExpressions;

namespace Verified.Cli.Commands;

/// <summary>
/// The help of a command as System.CommandLine writes it, with defaults written as they are typed
/// and as numbers print everywhere else: "[default: 5 10 20]", not "[default: 5|10|20]", and
/// "[default: 1E-7]", not "[default: 1E-07]" (its help builder is not public, so the text is mended).
/// </summary>
public static partial class HelpText
{
    public static int Write(ParseResult parsed, TextWriter output)
    {
        var text = new StringWriter();
        var code = parsed.Invoke(new InvocationConfiguration { Output = text, EnableDefaultExceptionHandler = false });
        output.Write(Default().Replace(text.ToString(), match => PaddedExponent().Replace(match.Value.Replace('|', ' '), "E$1$2")));
        return code;
    }

    [GeneratedRegex(@"\[default: [^\]]*\]")]
    private static partial Regex Default();

    [GeneratedRegex(@"E([+-])0+(\d)")]
    private static partial Regex PaddedExponent();
}
