using Verified.Randomness;

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
    /// <summary>The inputs of <paramref name="steps"/> steps, step after step: the values <see cref="Fill"/> gives one step at a time.</summary>
    public static double[] Create(InputKind kind, int inputSize, int steps, Rng rng)
    {
        var inputs = new double[inputSize * steps];
        Fill(kind, inputs, rng);
        return inputs;
    }

    /// <summary>The next inputs of the stream, in place: a run that draws them step by step holds one step's inputs, whatever its length.</summary>
    public static void Fill(InputKind kind, Span<double> inputs, Rng rng)
    {
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
    }
}
