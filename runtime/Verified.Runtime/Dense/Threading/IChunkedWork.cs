namespace Verified.Dense.Threading;

/// <summary>
/// Work cut into a fixed number of chunks that may run in any order and on any thread: each chunk
/// writes only its own outputs, with the very operations it would perform alone, so the result does
/// not depend on how many threads share the chunks (docs/design.md, "Threads").
/// </summary>
internal interface IChunkedWork
{
    /// <summary>Performs chunk <paramref name="chunk"/> (0 ≤ chunk &lt; the count given to <see cref="WorkerTeam.Run"/>).</summary>
    void Run(int chunk);
}
