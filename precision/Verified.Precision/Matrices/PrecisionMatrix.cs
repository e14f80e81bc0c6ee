using Verified.Precision.Numbers;

namespace Verified.Precision.Matrices;

/// <summary>A dense matrix of precision numbers, stored column by column (the Jacobi SVD works on columns).</summary>
public sealed class PrecisionMatrix<T> where T : struct, IPrecisionNumber<T>
{
    private readonly T[] _values;

    public PrecisionMatrix(int rows, int columns)
    {
        Rows = rows;
        Columns = columns;
        _values = new T[rows * columns];
    }

    public int Rows { get; }
    public int Columns { get; }

    public T this[int row, int column]
    {
        get => _values[column * Rows + row];
        set => _values[column * Rows + row] = value;
    }

    public Span<T> Column(int column) => _values.AsSpan(column * Rows, Rows);

    /// <summary>The exact value of a row-major double matrix.</summary>
    public static PrecisionMatrix<T> FromRowMajor(ReadOnlySpan<double> values, int rows, int columns)
    {
        var matrix = new PrecisionMatrix<T>(rows, columns);
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                matrix[i, j] = T.FromDouble(values[i * columns + j]);
            }
        }
        return matrix;
    }

    /// <summary>The first <paramref name="count"/> columns, copied.</summary>
    public PrecisionMatrix<T> LeadingColumns(int count)
    {
        var copy = new PrecisionMatrix<T>(Rows, count);
        _values.AsSpan(0, Rows * count).CopyTo(copy._values);
        return copy;
    }
}
