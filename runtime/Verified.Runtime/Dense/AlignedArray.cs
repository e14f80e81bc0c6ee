using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Verified.Dense;

/// <summary>
/// A workspace of elements starting on a 64-byte boundary: a cache line, and a whole number of
/// vectors at any width, so that whole-vector loads at multiples of the vector width never straddle
/// two lines (a straddling load costs two). The array lives on the pinned object heap, where the
/// GC never moves it, so the boundary holds for its lifetime. For elements whose size divides 64
/// (float, double): arrays start on 8-byte boundaries, so a whole number of elements reaches the line.
/// </summary>
internal readonly struct AlignedArray<T> where T : unmanaged
{
    private const int Boundary = 64;
    private readonly T[] _array;
    private readonly int _origin;
    private readonly int _length;

    /// <summary>A zeroed workspace of <paramref name="length"/> elements.</summary>
    public unsafe AlignedArray(int length)
    {
        _array = GC.AllocateArray<T>(length + Boundary / Unsafe.SizeOf<T>(), pinned: true);
        var misalignment = (int)((nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_array)) % Boundary);
        _origin = (Boundary - misalignment) % Boundary / Unsafe.SizeOf<T>();
        _length = length;
    }

    /// <summary>The elements, from the boundary on.</summary>
    public Span<T> Span => MemoryMarshal.CreateSpan(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_array), _origin), _length);
}
