using Verified.Random;

namespace Verified.Lyapunov;

/// <summary>The distribution of every input value.</summary>
public enum InputKind
{
    /// <summary>Zero input.</summary>
    None,
    /// <summary>N(0, 1).</summary>
    Gaussian,
    /// <summary>0 or 1 with probability ½ each.</summary>
    Bernoulli,
    /// <summary>U(0, 1).</summary>
    Uniform,
}

/// <summary>The inputs x_1, x_2, ... of a run: zero, N(0, 1), Bernoulli {0, 1} or U(0, 1), from one seeded generator.</summary>
public static class InputStream
{
    /// <summary>The inputs of <paramref name="steps"/> steps, <paramref name="inputSize"/> per step (step s at s·I), drawn from <paramref name="rng"/>.</summary>
    public static double[] Create(InputKind kind, int inputSize, int steps, Rng rng)
    {
        var inputs = new double[inputSize * steps];
        for (var i = 0; i < inputs.Length; i++)
        {
            inputs[i] = kind switch
            {
                InputKind.Gaussian => rng.NextGaussian(),
                InputKind.Bernoulli => rng.NextDouble() < 0.5 ? 0 : 1,
                InputKind.Uniform => rng.NextDouble(),
                _ => 0,
            };
        }
        return inputs;
    }
}
