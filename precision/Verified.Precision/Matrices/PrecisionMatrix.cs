using Verified.Precision.Numbers;

namespace Verified.Precision.Matrices;

/// <summary>A dense matrix of precision numbers, stored column by column (the Jacobi SVD works on columns).</summary>
public sealed class PrecisionMatrix<T> where T : struct, IPrecisionNumber<T>
{
    private readonly T[] _values;

    /// <summary>A zero matrix of <paramref name="rows"/> × <paramref name="columns"/>.</summary>
    public PrecisionMatrix(int rows, int columns)
    {
        Rows = rows;
        Columns = columns;
        _values = new T[rows * columns];
    }

    /// <summary>Rows.</summary>
    public int Rows { get; }

    /// <summary>Columns.</summary>
    public int Columns { get; }

    /// <summary>The entry at <paramref name="row"/>, <paramref name="column"/>.</summary>
    public T this[int row, int column]
    {
        get => _values[column * Rows + row];
        set => _values[column * Rows + row] = value;
    }

    /// <summary>Column <paramref name="column"/> as a contiguous span.</summary>
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
