using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Verified.Dense;

/// <summary>Strided matrix transposition, in blocks of eight source rows so that writes stay contiguous.</summary>
public static class Transposition
{
    /// <summary>target[j·targetStride + i] = source[i·sourceStride + j] for a rows×cols source.</summary>
    public static void Transpose<T>(ReadOnlySpan<T> source, int sourceStride, Span<T> target, int targetStride, int rows, int cols)
    {
        if (rows > 0 && cols > 0 && (source.Length < (rows - 1) * sourceStride + cols || target.Length < (cols - 1) * targetStride + rows))
        {
            throw new ArgumentException($"transposing {rows}×{cols}: source {source.Length} or target {target.Length} too short");
        }
        ref var s0 = ref MemoryMarshal.GetReference(source);
        ref var t0 = ref MemoryMarshal.GetReference(target);
        var i = 0;
        for (; i + 8 <= rows; i += 8)
        {
            ref var block = ref Unsafe.Add(ref s0, i * sourceStride);
            for (var j = 0; j < cols; j++)
            {
                ref var to = ref Unsafe.Add(ref t0, j * targetStride + i);
                ref var from = ref Unsafe.Add(ref block, j);
                to = from;
                Unsafe.Add(ref to, 1) = Unsafe.Add(ref from, sourceStride);
                Unsafe.Add(ref to, 2) = Unsafe.Add(ref from, 2 * sourceStride);
                Unsafe.Add(ref to, 3) = Unsafe.Add(ref from, 3 * sourceStride);
                Unsafe.Add(ref to, 4) = Unsafe.Add(ref from, 4 * sourceStride);
                Unsafe.Add(ref to, 5) = Unsafe.Add(ref from, 5 * sourceStride);
                Unsafe.Add(ref to, 6) = Unsafe.Add(ref from, 6 * sourceStride);
                Unsafe.Add(ref to, 7) = Unsafe.Add(ref from, 7 * sourceStride);
            }
        }
        for (; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                Unsafe.Add(ref t0, j * targetStride + i) = Unsafe.Add(ref s0, i * sourceStride + j);
            }
        }
    }
}
