namespace Verified.Randomness;

/// <summary>
/// xoshiro256** (Blackman and Vigna 2018) seeded through SplitMix64: one generator per run, so
/// that the same seed gives the same bits on every machine and .NET version.
/// </summary>
public sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;
    private double? _spareGaussian;

    /// <summary>The generator of <paramref name="seed"/>.</summary>
    public Rng(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform on [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public double NextUniform(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>Standard normal by the Marsaglia polar method.</summary>
    public double NextGaussian()
    {
        if (_spareGaussian is { } spare)
        {
            _spareGaussian = null;
            return spare;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        }
        while (s >= 1 || s == 0);
        var factor = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareGaussian = v * factor;
        return u * factor;
    }

    /// <summary>A generator for a named sub-stream, independent of how much this one has been used.</summary>
    public static Rng ForStream(ulong seed, string stream) => new(DeriveSeed(seed, stream));

    /// <summary>The seed of a named sub-stream (FNV-1a of the name, mixed into the seed), for code that takes a seed rather than a generator.</summary>
    public static ulong DeriveSeed(ulong seed, string stream)
    {
        var hash = 1469598103934665603UL;
        foreach (var c in stream)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return seed ^ hash;
    }

    /// <summary>Fills <paramref name="values"/> with N(<paramref name="mean"/>, <paramref name="std"/>²) draws.</summary>
    public void FillGaussian(Span<double> values, double mean = 0, double std = 1)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = mean + std * NextGaussian();
        }
    }

    /// <summary>A new array of <paramref name="length"/> N(0, <paramref name="std"/>²) draws, as <see cref="FillGaussian"/> draws them.</summary>
    public double[] Gaussians(int length, double std = 1)
    {
        var values = new double[length];
        FillGaussian(values, 0, std);
        return values;
    }

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
