using Verifier.Contracts;

namespace Verifier.Core.Scoring;

/// <summary>The accuracy part of a code item, as the sandbox decided it; <see cref="Accuracy"/> is null on an infrastructure failure.</summary>
public sealed record CodeOutcome(double? Accuracy, string Verdict, string? Reason, CodeDetail Detail);
