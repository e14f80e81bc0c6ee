using System.CommandLine;
using System.Text.RegularExpressions;

namespace Verified.Cli.Commands;

/// <summary>
/// The help of a command as System.CommandLine writes it, with list defaults written as they are
/// typed: "[default: 5 10 20]", not "[default: 5|10|20]" (its help builder is not public, so the
/// text is mended).
/// </summary>
public static partial class HelpText
{
    public static int Write(ParseResult parsed, TextWriter output)
    {
        var text = new StringWriter();
        var code = parsed.Invoke(new InvocationConfiguration { Output = text, EnableDefaultExceptionHandler = false });
        output.Write(ListDefault().Replace(text.ToString(), match => match.Value.Replace('|', ' ')));
        return code;
    }

    [GeneratedRegex(@"\[default: [^\]]*\]")]
    private static partial Regex ListDefault();
}
