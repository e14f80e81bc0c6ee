namespace Verified.Cli.Commands;

public static class ExitCodes
{
    public const int Success = 0;
    public const int CheckFailed = 1;
    public const int BadInput = 2;

    /// <summary>A merge (sweep --merge, reproduce --merge) found runs missing and wrote nothing.</summary>
    public const int Incomplete = 3;
}
