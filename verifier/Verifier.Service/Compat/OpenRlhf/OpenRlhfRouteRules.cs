namespace Verifier.Service.Compat.OpenRlhf;

/// <summary>What a configured OpenRLHF route may say.</summary>
internal static class OpenRlhfRouteRules
{
    public const string Description =
        "each Compat:OpenRlhf route has a name of letters, digits, - and _, Task math, code or format; Format r1 or none (a format task needs r1); Unknown value or fail; finite weights and UnknownReward";

    public static bool IsValid(string name, OpenRlhfRoute route) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
        && route.Task is OpenRlhfRoute.MathTask or OpenRlhfRoute.CodeTask or OpenRlhfRoute.FormatTask
        && route.Format is "r1" or "none"
        && (route.Task != OpenRlhfRoute.FormatTask || route.HasFormat)
        && route.Unknown is OpenRlhfRoute.UnknownAsValue or OpenRlhfRoute.UnknownFails
        && double.IsFinite(route.AccuracyWeight) && double.IsFinite(route.FormatWeight) && double.IsFinite(route.UnknownReward);
}
