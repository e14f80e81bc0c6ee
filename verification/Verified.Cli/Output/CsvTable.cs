using System.Globalization;
using System.Text;

namespace Verified.Cli.Output;

/// <summary>A CSV file in long format (one observation per row), numbers in invariant culture with round-trip precision, written atomically.</summary>
public sealed class CsvTable(params string[] columns)
{
    private readonly StringBuilder _text = new(string.Join(",", columns) + "\n");

    public CsvTable Row(params object[] values)
    {
        if (values.Length != columns.Length)
        {
            throw new ArgumentException($"a row of {values.Length} values for {columns.Length} columns");
        }
        _text.AppendLine(string.Join(",", values.Select(value => value switch
        {
            double number => number.ToString("R", CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        })));
        return this;
    }

    public void Save(string path) => Verified.Storage.AtomicFile.WriteAllText(path, _text.ToString());
}
