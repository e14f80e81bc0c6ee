using System.Numerics;
using Verified.Checks;
using Xunit;

namespace Verified.Runtime.Tests.Checks;

/// <summary>The checks can fail: a kernel with a wrong derivative, an unwritten output, an overwritten sum or a float path worse than round-off is caught by the check that tests it.</summary>
public sealed class BrokenKernelTests
{
    [Theory]
    [InlineData("vanilla-tanh", Fault.StepVjpState, "stepvjp-state-vs-finite-differences")]
    [InlineData("vanilla-tanh", Fault.StepVjpTheta, "stepvjp-theta-vs-finite-differences")]
    [InlineData("vanilla-tanh", Fault.Jacobian, "jacobian-vs-finite-differences")]
    [InlineData("vanilla-tanh", Fault.Tangent, "jacobian-times-q-vs-tangent")]
    [InlineData("vanilla-tanh", Fault.TangentVjpState, "tangentvjp-state-vs-finite-differences")]
    [InlineData("vanilla-tanh", Fault.TangentVjpTheta, "tangentvjp-theta-vs-finite-differences")]
    [InlineData("vanilla-tanh", Fault.TangentVjpQ, "dot-product-tangent-tangentvjp")]
    // Tangent of Q∘Q agrees with the Jacobian on identity columns; a random Q tells them apart.
    [InlineData("vanilla-tanh", Fault.TangentOfSquaredQ, "jacobian-times-q-vs-tangent")]
    // The linear and ReLU cells' second derivative is zero: a TangentVjp that overwrites h̄ with its (zero) contribution instead of adding it.
    [InlineData("linear", Fault.TangentVjpStateOverwritten, "tangentvjp-state-vs-finite-differences")]
    [InlineData("vanilla-relu", Fault.TangentVjpStateOverwritten, "tangentvjp-state-vs-finite-differences")]
    [InlineData("linear", Fault.TangentVjpThetaOverwritten, "tangentvjp-theta-vs-finite-differences")]
    public void A_wrong_derivative_fails_its_check(string cell, Fault fault, string check)
    {
        var spec = BuiltInCells.Find(cell)!;
        var options = new DerivativeCheckOptions();
        var layout = spec.Layout(CellDimensions.Of(options.N, options.InputSize));
        var broken = new FaultyKernels<double>(spec.CreateKernels<double>(layout), fault, 1e-4);

        var results = new DerivativeChecks(spec, options, broken).Run();

        Assert.False(results.Single(result => result.Name == check).Passed);
    }

    /// <summary>An element a kernel leaves unwritten is NaN, and the check that reads it measures +∞ (a zero-filled buffer would hide it where the value is zero).</summary>
    [Theory]
    [InlineData(Fault.StepUnwritten, "batched-step-vs-single")]
    [InlineData(Fault.JacobianUnwritten, "jacobian-vs-finite-differences")]
    [InlineData(Fault.StepVjpStateUnwritten, "stepvjp-state-vs-finite-differences")]
    public void An_output_element_left_unwritten_fails_its_check(Fault fault, string check)
    {
        var spec = BuiltInCells.Find("linear")!;
        var options = new DerivativeCheckOptions();
        var layout = spec.Layout(CellDimensions.Of(options.N, options.InputSize));
        var broken = new FaultyKernels<double>(spec.CreateKernels<double>(layout), fault, 0);

        var results = new DerivativeChecks(spec, options, broken).Run();

        Assert.Equal(double.PositiveInfinity, results.Single(result => result.Name == check).MaxRelError);
    }

    /// <summary>Float kernels 170 u worse than round-off (a relative error of 1e-5 in one output, which the former bound 1e-2 accepted) fail the float checks.</summary>
    [Theory]
    [InlineData(Fault.Jacobian, "float-jacobian")]
    [InlineData(Fault.Tangent, "float-tangent")]
    [InlineData(Fault.StepVjpTheta, "float-stepvjp")]
    [InlineData(Fault.TangentVjpQ, "float-tangentvjp")]
    public void A_float_kernel_worse_than_round_off_fails_its_check(Fault fault, string check)
    {
        var spec = BuiltInCells.Find("lstm")!;
        var options = new DerivativeCheckOptions();
        var layout = spec.Layout(CellDimensions.Of(options.N, options.InputSize));
        var broken = new FaultyKernels<float>(spec.CreateKernels<float>(layout), fault, 1e-5);

        var results = new DerivativeChecks(spec, options, single: broken).Run();

        var result = results.Single(result => result.Name == check);
        Assert.False(result.Passed, $"{check}: {result.MaxRelError:E2} ≤ {result.Tolerance:E2}");
        Assert.True(result.MaxRelError < 1e-2, "the fault is one the former bound accepted");
    }

    /// <summary>The flossing gradient at t_ONS = 3 (the reverse pass through Tangent alone between re-orthonormalisations) fails with a wrong TangentVjp.</summary>
    [Theory]
    [InlineData(Fault.TangentVjpTheta)]
    [InlineData(Fault.TangentVjpQ)]
    [InlineData(Fault.TangentVjpState)]
    public void A_wrong_reverse_pass_fails_the_flossing_gradient_check_at_t_ons_3(Fault fault)
    {
        var spec = BuiltInCells.Find("vanilla-tanh")!;
        var broken = new FaultyKernels<double>(spec.CreateKernels<double>(spec.Layout(CellDimensions.Of(8, 2))), fault, 1e-3);

        var sound = FlossingGradientCheck.Run(spec, orthonormaliseEvery: 3);
        var check = FlossingGradientCheck.Run(spec, orthonormaliseEvery: 3, kernels: broken);

        Assert.True(sound.Passed, $"{sound.MaxRelError:E2}");
        Assert.False(check.Passed, $"{check.MaxRelError:E2} ≤ {check.Tolerance:E0}");
    }

    public enum Fault
    {
        StepVjpState, StepVjpTheta, Jacobian, Tangent, TangentVjpState, TangentVjpTheta, TangentVjpQ,
        TangentOfSquaredQ, TangentVjpStateOverwritten, TangentVjpThetaOverwritten, StepUnwritten, JacobianUnwritten, StepVjpStateUnwritten,
    }

    /// <summary>Correct kernels with one output perturbed (element 1, by <paramref name="relative"/> of the largest), left unwritten, or overwritten instead of added to.</summary>
    internal sealed class FaultyKernels<T>(CellKernels<T> inner, Fault fault, double relative) : CellKernels<T>(inner.Layout)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public override void Step(ReadOnlySpan<T> theta, ReadOnlySpan<T> state, ReadOnlySpan<T> input, Span<T> next, int batch = 1)
        {
            var written = new T[next.Length];
            inner.Step(theta, state, input, written, batch);
            CopyWritten(written, next, Fault.StepUnwritten);
        }

        public override int TapeLength(int batch) => inner.TapeLength(batch);

        public override long ScratchLength(int columns, int tangentColumns, bool jacobian) => inner.ScratchLength(columns, tangentColumns, jacobian);

        public override long LongestScratchArray(int columns, int tangentColumns, bool jacobian) => inner.LongestScratchArray(columns, tangentColumns, jacobian);

        public override void Step(ReadOnlySpan<T> theta, ReadOnlySpan<T> state, ReadOnlySpan<T> input, Span<T> next, int batch, Span<T> tape) =>
            inner.Step(theta, state, input, next, batch, tape);

        public override void StepVjp(ReadOnlySpan<T> theta, ReadOnlySpan<T> state, ReadOnlySpan<T> input, ReadOnlySpan<T> nextBar,
            Span<T> stateBar, Span<T> thetaBar, int batch, ReadOnlySpan<T> tape) =>
            inner.StepVjp(theta, state, input, nextBar, stateBar, thetaBar, batch, tape);

        public override void Jacobian(ReadOnlySpan<T> theta, ReadOnlySpan<T> state, ReadOnlySpan<T> input, Span<T> jacobian)
        {
            var written = new T[jacobian.Length];
            inner.Jacobian(theta, state, input, written);
            CopyWritten(written, jacobian, Fault.JacobianUnwritten);
            Perturb(jacobian, Fault.Jacobian);
        }

        public override void Tangent(ReadOnlySpan<T> theta, ReadOnlySpan<T> state, ReadOnlySpan<T> input, ReadOnlySpan<T> q, Span<T> dq, int k)
        {
            if (fault == Fault.TangentOfSquaredQ)
            {
                var squared = q.ToArray();
                for (var i = 0; i < squared.Length; i++)
                {
                    squared[i] *= squared[i];
                }
                inner.Tangent(theta, state, input, squared, dq, k);
                return;
            }
            inner.Tangent(theta, state, input, q, dq, k);
            Perturb(dq, Fault.Tangent);
        }

        public override void StepVjp(ReadOnlySpan<T> theta, ReadOnlySpan<T> state, ReadOnlySpan<T> input, ReadOnlySpan<T> nextBar,
            Span<T> stateBar, Span<T> thetaBar, int batch = 1)
        {
            var written = new T[stateBar.Length];
            inner.StepVjp(theta, state, input, nextBar, written, thetaBar, batch);
            CopyWritten(written, stateBar, Fault.StepVjpStateUnwritten);
            Perturb(stateBar, Fault.StepVjpState);
            Perturb(thetaBar, Fault.StepVjpTheta);
        }

        public override void TangentVjp(ReadOnlySpan<T> theta, ReadOnlySpan<T> state, ReadOnlySpan<T> input, ReadOnlySpan<T> q,
            ReadOnlySpan<T> u, Span<T> qBar, Span<T> stateBar, Span<T> thetaBar, int k)
        {
            // Overwriting: the sums start from zero instead of from what the buffers held.
            if (fault == Fault.TangentVjpStateOverwritten)
            {
                stateBar.Clear();
            }
            if (fault == Fault.TangentVjpThetaOverwritten)
            {
                thetaBar.Clear();
            }
            inner.TangentVjp(theta, state, input, q, u, qBar, stateBar, thetaBar, k);
            Perturb(qBar, Fault.TangentVjpQ);
            Perturb(stateBar, Fault.TangentVjpState);
            Perturb(thetaBar, Fault.TangentVjpTheta);
        }

        /// <summary>Copies the kernel's output, all of it unless this fault leaves element 1 unwritten.</summary>
        private void CopyWritten(T[] written, Span<T> output, Fault which)
        {
            var kept = output.Length > 1 ? output[1] : default;
            written.CopyTo(output);
            if (which == fault && output.Length > 1)
            {
                output[1] = kept;
            }
        }

        /// <summary>Moves element 1 by <c>relative</c> times the largest element (and by <c>relative</c>), a norm-wise relative error of about <c>relative</c>.</summary>
        private void Perturb(Span<T> values, Fault which)
        {
            if (which == fault)
            {
                var largest = T.Zero;
                foreach (var value in values)
                {
                    largest = T.Max(largest, T.Abs(value));
                }
                values[1] += T.CreateChecked(relative) * (largest + T.One);
            }
        }
    }
}
