using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Verified.Dense;

/// <summary>
/// Vectorised element-wise primitives over whole buffers (System.Numerics.Tensors), called by the
/// generated forward passes wherever a node's operands are buffers of its own shape or scalars.
/// The generator names them in PrimitiveRules, beside each primitive's derivatives.
/// </summary>
public static class ElementWise
{
    /// <summary>y = tanh x, element by element.</summary>
    public static void Tanh<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Tanh(x, y);
    /// <summary>y = σ(x) = 1/(1 + e^−x), element by element.</summary>
    public static void Sigmoid<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Sigmoid(x, y);
    /// <summary>y = eˣ, element by element.</summary>
    public static void Exp<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Exp(x, y);
    /// <summary>y = ln x, element by element.</summary>
    public static void Log<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Log(x, y);
    /// <summary>y = sin x, element by element.</summary>
    public static void Sin<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Sin(x, y);
    /// <summary>y = cos x, element by element.</summary>
    public static void Cos<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Cos(x, y);
    /// <summary>y = |x|, element by element.</summary>
    public static void Abs<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Abs(x, y);
    /// <summary>y = √x, element by element.</summary>
    public static void Sqrt<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Sqrt(x, y);
    /// <summary>y = −x, element by element.</summary>
    public static void Negate<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Negate(x, y);
    /// <summary>y = x², element by element.</summary>
    public static void Square<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Multiply(x, x, y);
    /// <summary>y = max(x, 0), element by element.</summary>
    public static void Relu<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Max(x, T.Zero, y);

    /// <summary>y = a + b, element by element.</summary>
    public static void Add<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Add(a, b, y);
    /// <summary>y = a + b with the scalar b broadcast.</summary>
    public static void Add<T>(ReadOnlySpan<T> a, T b, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Add(a, b, y);
    /// <summary>y = a + b with the scalar a broadcast.</summary>
    public static void Add<T>(T a, ReadOnlySpan<T> b, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Add(b, a, y);
    /// <summary>y = a − b, element by element.</summary>
    public static void Subtract<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Subtract(a, b, y);
    /// <summary>y = a − b with the scalar b broadcast.</summary>
    public static void Subtract<T>(ReadOnlySpan<T> a, T b, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Subtract(a, b, y);
    /// <summary>y = a − b with the scalar a broadcast.</summary>
    public static void Subtract<T>(T a, ReadOnlySpan<T> b, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Subtract(a, b, y);
    /// <summary>y = a ⊙ b, element by element.</summary>
    public static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Multiply(a, b, y);
    /// <summary>y = a·b with the scalar b broadcast.</summary>
    public static void Multiply<T>(ReadOnlySpan<T> a, T b, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Multiply(a, b, y);
    /// <summary>y = a·b with the scalar a broadcast.</summary>
    public static void Multiply<T>(T a, ReadOnlySpan<T> b, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Multiply(b, a, y);
    /// <summary>y = a / b, element by element.</summary>
    public static void Divide<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Divide(a, b, y);
    /// <summary>y = a / b with the scalar b broadcast.</summary>
    public static void Divide<T>(ReadOnlySpan<T> a, T b, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Divide(a, b, y);
    /// <summary>y = a / b with the scalar a broadcast.</summary>
    public static void Divide<T>(T a, ReadOnlySpan<T> b, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Divide(a, b, y);

    /// <summary>y = a + v 1ᵀ for an a of v.Length rows × <paramref name="cols"/> columns: a vector (a bias) broadcast over a batch.</summary>
    public static void AddRows<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> v, Span<T> y, int cols) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rows = v.Length;
        if (a.Length < rows * cols || y.Length < rows * cols)
        {
            throw new ArgumentException($"broadcasting {rows} rows over {cols} columns: a {a.Length} or y {y.Length} too short");
        }
        if (cols == 1)
        {
            TensorPrimitives.Add(a[..rows], v, y[..rows]);
            return;
        }
        ref var a0 = ref MemoryMarshal.GetReference(a);
        ref var y0 = ref MemoryMarshal.GetReference(y);
        var width = Vector<T>.Count;
        for (var row = 0; row < rows; row++)
        {
            var start = row * cols;
            var value = v[row];
            var broadcast = new Vector<T>(value);
            var col = 0;
            for (; col + width <= cols; col += width)
            {
                (Vector.LoadUnsafe(ref a0, (nuint)(start + col)) + broadcast).StoreUnsafe(ref y0, (nuint)(start + col));
            }
            for (; col < cols; col++)
            {
                Unsafe.Add(ref y0, start + col) = Unsafe.Add(ref a0, start + col) + value;
            }
        }
    }

    // Pullbacks, x̄ += (∂y/∂x) ⊙ ȳ, written in terms of the output y where that is cheaper.

    /// <summary>x̄ += (1 − y²) ⊙ ȳ for y = tanh x.</summary>
    public static void TanhPullback<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> yBar, Span<T> xBar) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var i = 0;
        var one = Vector<T>.One;
        for (; i <= xBar.Length - Vector<T>.Count; i += Vector<T>.Count)
        {
            var v = new Vector<T>(y[i..]);
            (new Vector<T>(xBar[i..]) + (one - v * v) * new Vector<T>(yBar[i..])).CopyTo(xBar[i..]);
        }
        for (; i < xBar.Length; i++)
        {
            xBar[i] += (T.One - y[i] * y[i]) * yBar[i];
        }
    }

    /// <summary>x̄ += y(1 − y) ⊙ ȳ for y = σ(x).</summary>
    public static void SigmoidPullback<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> yBar, Span<T> xBar) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var i = 0;
        var one = Vector<T>.One;
        for (; i <= xBar.Length - Vector<T>.Count; i += Vector<T>.Count)
        {
            var v = new Vector<T>(y[i..]);
            (new Vector<T>(xBar[i..]) + v * (one - v) * new Vector<T>(yBar[i..])).CopyTo(xBar[i..]);
        }
        for (; i < xBar.Length; i++)
        {
            xBar[i] += y[i] * (T.One - y[i]) * yBar[i];
        }
    }

    /// <summary>a ⊙ b + c into <paramref name="y"/> (y may be c): the pullback of a product, ā += b ⊙ ȳ.</summary>
    public static void MultiplyAdd<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> =>
        TensorPrimitives.MultiplyAdd(a, b, y, y);
}
