using Verified.Checks;
using Xunit;

namespace Verified.Runtime.Tests.Checks;

/// <summary>The checks can fail: a kernel with a wrong derivative is caught by the checks that test it.</summary>
public sealed class BrokenKernelTests
{
    [Theory]
    [InlineData(Fault.StepVjpState, "stepvjp-state-vs-finite-differences")]
    [InlineData(Fault.StepVjpTheta, "stepvjp-theta-vs-finite-differences")]
    [InlineData(Fault.Jacobian, "jacobian-vs-finite-differences")]
    [InlineData(Fault.Tangent, "jacobian-vs-tangent-of-identity")]
    [InlineData(Fault.TangentVjpState, "tangentvjp-state-vs-finite-differences")]
    [InlineData(Fault.TangentVjpTheta, "tangentvjp-theta-vs-finite-differences")]
    [InlineData(Fault.TangentVjpQ, "dot-product-tangent-tangentvjp")]
    public void A_wrong_derivative_fails_its_check(Fault fault, string check)
    {
        var spec = BuiltInCells.Find("vanilla-tanh")!;
        var options = new DerivativeCheckOptions();
        var layout = spec.Layout(CellDimensions.Of(options.N, options.InputSize));
        var broken = new FaultyKernels(spec.CreateKernels<double>(layout), fault);

        var results = new DerivativeChecks(spec, options, broken).Run();

        Assert.False(results.Single(result => result.Name == check).Passed);
    }

    public enum Fault { StepVjpState, StepVjpTheta, Jacobian, Tangent, TangentVjpState, TangentVjpTheta, TangentVjpQ }

    /// <summary>Correct kernels with one output perturbed by 1e-4 relative.</summary>
    private sealed class FaultyKernels(CellKernels<double> inner, Fault fault) : CellKernels<double>(inner.Layout)
    {
        public override void Step(ReadOnlySpan<double> theta, ReadOnlySpan<double> state, ReadOnlySpan<double> input, Span<double> next, int batch = 1) =>
            inner.Step(theta, state, input, next, batch);

        public override int TapeLength(int batch) => inner.TapeLength(batch);

        public override void Step(ReadOnlySpan<double> theta, ReadOnlySpan<double> state, ReadOnlySpan<double> input, Span<double> next, int batch, Span<double> tape) =>
            inner.Step(theta, state, input, next, batch, tape);

        public override void StepVjp(ReadOnlySpan<double> theta, ReadOnlySpan<double> state, ReadOnlySpan<double> input, ReadOnlySpan<double> nextBar,
            Span<double> stateBar, Span<double> thetaBar, int batch, ReadOnlySpan<double> tape) =>
            inner.StepVjp(theta, state, input, nextBar, stateBar, thetaBar, batch, tape);

        public override void Jacobian(ReadOnlySpan<double> theta, ReadOnlySpan<double> state, ReadOnlySpan<double> input, Span<double> jacobian)
        {
            inner.Jacobian(theta, state, input, jacobian);
            Perturb(jacobian, Fault.Jacobian);
        }

        public override void Tangent(ReadOnlySpan<double> theta, ReadOnlySpan<double> state, ReadOnlySpan<double> input, ReadOnlySpan<double> q, Span<double> dq, int k)
        {
            inner.Tangent(theta, state, input, q, dq, k);
            if (k == StateSize)
            {
                Perturb(dq, Fault.Tangent);
            }
        }

        public override void StepVjp(ReadOnlySpan<double> theta, ReadOnlySpan<double> state, ReadOnlySpan<double> input, ReadOnlySpan<double> nextBar,
            Span<double> stateBar, Span<double> thetaBar, int batch = 1)
        {
            inner.StepVjp(theta, state, input, nextBar, stateBar, thetaBar, batch);
            Perturb(stateBar, Fault.StepVjpState);
            Perturb(thetaBar, Fault.StepVjpTheta);
        }

        public override void TangentVjp(ReadOnlySpan<double> theta, ReadOnlySpan<double> state, ReadOnlySpan<double> input, ReadOnlySpan<double> q,
            ReadOnlySpan<double> u, Span<double> qBar, Span<double> stateBar, Span<double> thetaBar, int k)
        {
            inner.TangentVjp(theta, state, input, q, u, qBar, stateBar, thetaBar, k);
            Perturb(qBar, Fault.TangentVjpQ);
            Perturb(stateBar, Fault.TangentVjpState);
            Perturb(thetaBar, Fault.TangentVjpTheta);
        }

        private void Perturb(Span<double> values, Fault which)
        {
            if (which == fault)
            {
                values[1] *= 1 + 1e-4;
                values[1] += 1e-4;
            }
        }
    }
}
