using Verifier.Contracts;

namespace Verifier.Cli.Grading;

/// <summary>
/// One line to one verify item, and one verify result back to one output line: the same for local and remote
/// grading, so that with the same scoring policy on both sides their outputs cannot differ.
/// </summary>
internal static class GradeMapping
{
    /// <param name="extract">The command line's <c>--extract</c>; a row's own <c>extract</c> overrides it.</param>
    public static VerifyItem ToItem(GradeRow row, bool withFormat, string? extract = null) => new()
    {
        Completion = row.Completion,
        Math = new MathSpec { Gold = row.Gold, Extract = row.Math?.Extract ?? extract, Tolerance = row.Math?.Tolerance },
        Format = withFormat ? new FormatSpec() : null,
    };

    public static GradeResult ToRow(GradeRow row, VerifyResult result) => new()
    {
        Line = row.Line,
        Id = row.Id,
        Correct = result.Verdict switch
        {
            Verdicts.Correct => true,
            Verdicts.Wrong or Verdicts.NoAnswer => false,
            _ => null,
        },
        Reward = result.Reward,
        Extracted = result.Detail?.Extracted,
        Reason = GradeReasons.Join(result.Reason, result.Detail?.FormatReason),
        Format = result.Format,
    };
}
