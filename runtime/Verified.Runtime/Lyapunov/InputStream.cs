using Verified.Random;

namespace Verified.Lyapunov;

public enum InputKind { None, Gaussian, Bernoulli, Uniform }

/// <summary>The inputs x_1, x_2, ... of a run: zero, N(0, 1), Bernoulli {0, 1} or U(0, 1), from one seeded generator.</summary>
public static class InputStream
{
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
