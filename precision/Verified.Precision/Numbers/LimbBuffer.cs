using System.Runtime.CompilerServices;

namespace Verified.Precision.Numbers;

/// <summary>Inline storage for up to eight 64-bit limbs, least significant first.</summary>
[InlineArray(8)]
public struct LimbBuffer
{
    private ulong _limb;
}
