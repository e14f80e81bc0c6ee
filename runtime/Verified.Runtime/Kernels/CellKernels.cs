using System.Numerics;
using System.Runtime.CompilerServices;

namespace Verified;

/// <summary>
/// The generated kernels of one cell at one layout, for element type T (float or double).
/// Vectors over b sequences (or k tangent columns) are stored feature-major: element i of column j
/// at i·b + j, so that a state block is a contiguous run of rows and Mat·Vec is one matrix product.
/// Instances hold scratch buffers: use one instance per thread. Nothing is allocated per call once
/// the largest batch and k have been seen.
/// </summary>
public abstract class CellKernels<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Called by the generated kernels.</summary>
    protected CellKernels(CellLayout layout) => Layout = layout;

    /// <summary>The sizes and parameter layout these kernels are for.</summary>
    public CellLayout Layout { get; }

    /// <summary>n: the length of the concatenated state.</summary>
    public int StateSize => Layout.StateSize;

    /// <summary>The input's length (0 for a cell without input).</summary>
    public int InputSize => Layout.InputSize;

    /// <summary>The length of θ.</summary>
    public int ParameterCount => Layout.ParameterCount;

    /// <summary>h_{s+1} = f(h_s, x_{s+1}; θ) for <paramref name="batch"/> sequences.</summary>
    public abstract void Step(ReadOnlySpan<T> theta, ReadOnlySpan<T> state, ReadOnlySpan<T> input, Span<T> next, int batch = 1);

    /// <summary>Elements of the tape that <see cref="Step(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, Span{T})"/> fills: every intermediate of the forward pass.</summary>
    public abstract int TapeLength(int batch);

    /// <summary>Step, also recording the forward pass's intermediates on <paramref name="tape"/> for <see cref="StepVjp(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, Span{T}, int, ReadOnlySpan{T})"/>.</summary>
    public abstract void Step(ReadOnlySpan<T> theta, ReadOnlySpan<T> state, ReadOnlySpan<T> input, Span<T> next, int batch, Span<T> tape);

    /// <summary>StepVjp from a recorded tape instead of recomputing the forward pass (backpropagation through time).</summary>
    public abstract void StepVjp(ReadOnlySpan<T> theta, ReadOnlySpan<T> state, ReadOnlySpan<T> input, ReadOnlySpan<T> nextBar,
        Span<T> stateBar, Span<T> thetaBar, int batch, ReadOnlySpan<T> tape);

    /// <summary>The one-step Jacobian D_s = ∂h_{s+1}/∂h_s as a dense n×n row-major matrix.</summary>
    public abstract void Jacobian(ReadOnlySpan<T> theta, ReadOnlySpan<T> state, ReadOnlySpan<T> input, Span<T> jacobian);

    /// <summary>D_s·Q for the k columns of the n×k matrix Q, without forming D_s; <paramref name="dq"/> must not overlap <paramref name="q"/>.</summary>
    public abstract void Tangent(ReadOnlySpan<T> theta, ReadOnlySpan<T> state, ReadOnlySpan<T> input, ReadOnlySpan<T> q, Span<T> dq, int k);

    /// <summary>
    /// Backpropagation through one step: stateBar = D_sᵀ·nextBar (overwritten) and
    /// thetaBar += (∂f/∂θ)ᵀ·nextBar, for <paramref name="batch"/> sequences.
    /// </summary>
    public abstract void StepVjp(ReadOnlySpan<T> theta, ReadOnlySpan<T> state, ReadOnlySpan<T> input, ReadOnlySpan<T> nextBar,
        Span<T> stateBar, Span<T> thetaBar, int batch = 1);

    /// <summary>
    /// The pullback of Q ↦ ⟨U, D_s(h_s; θ) Q⟩ (docs/design.md's flossing reverse pass):
    /// qBar = D_sᵀ U (overwritten), stateBar += ∂/∂h_s ⟨U, D_s Q⟩ and thetaBar += ∂/∂θ ⟨U, D_s Q⟩.
    /// </summary>
    public abstract void TangentVjp(ReadOnlySpan<T> theta, ReadOnlySpan<T> state, ReadOnlySpan<T> input, ReadOnlySpan<T> q,
        ReadOnlySpan<T> u, Span<T> qBar, Span<T> stateBar, Span<T> thetaBar, int k);

    /// <summary>
    /// A constant of the cell as T, from its double and its float literal (the generator writes both from
    /// one decimal text), so that a float constant is that text rounded once to float and not the double
    /// rounded again. The branch is on a type the JIT knows when it specialises the kernels, so the call folds to the constant.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static T Literal(double value, float single) =>
        typeof(T) == typeof(double) ? (T)(object)value : typeof(T) == typeof(float) ? (T)(object)single : T.CreateChecked(value);

    /// <summary>The sign of <paramref name="value"/> (−1, 0 or 1) as a T: relu′ and abs′.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static T Sign(T value) => T.CreateTruncating(T.Sign(value));

    /// <summary>
    /// Elements of the kernels' own buffers once they have run on <paramref name="columns"/> batch columns
    /// and <paramref name="tangentColumns"/> tangent columns (0 where that entry point is not called), and,
    /// with <paramref name="jacobian"/>, once <see cref="Jacobian"/> has been called: its per-node Jacobians
    /// (rows×n each) are allocated by its first call only.
    /// </summary>
    public abstract long ScratchLength(int columns, int tangentColumns, bool jacobian);

    /// <summary>Elements of the longest of the arrays <see cref="ScratchLength"/> counts.</summary>
    public abstract long LongestScratchArray(int columns, int tangentColumns, bool jacobian);

    /// <summary>The kernels' own buffers as one entry of a run's <see cref="MemoryLimits.Footprint"/> (<see cref="ScratchLength"/>).</summary>
    public MemoryLimits.PlannedBuffer Scratch(int columns, int tangentColumns, bool jacobian) =>
        new("buffers of the cell's kernels", ScratchLength(columns, tangentColumns, jacobian), Unsafe.SizeOf<T>())
        {
            LongestArray = LongestScratchArray(columns, tangentColumns, jacobian),
        };

    /// <summary>Checks the lengths of a call's spans for <paramref name="columns"/> columns.</summary>
    protected void Require(ReadOnlySpan<T> theta, ReadOnlySpan<T> state, ReadOnlySpan<T> input, int columns)
    {
        if (columns <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(columns), columns, "the number of columns must be positive");
        }
        Require(theta.Length, ParameterCount, nameof(theta));
        Require(state.Length, StateSize * columns, nameof(state));
        Require(input.Length, InputSize * columns, nameof(input));
    }

    /// <summary>Checks that a span named <paramref name="name"/> has at least <paramref name="expected"/> elements.</summary>
    protected static void Require(int actual, int expected, string name)
    {
        if (actual < expected)
        {
            throw new ArgumentException($"{name} has {actual} elements; {expected} are needed", name);
        }
    }
}
