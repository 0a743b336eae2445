using System.Globalization;
using System.Text;
using System.Text.Json;
using Verifier.Trainer.Checkpoints;
using Verifier.Trainer.Configuration;
using Verifier.Trainer.Rejection;
using Verifier.Trainer.Rewards;
using Verifier.Trainer.Sft;
using Verifier.Trainer.Training;

namespace Verifier.Trainer.Pipeline;

/// <summary>
/// DeepSeek-R1's recipe at this trainer's scale, as four stages whose outputs feed the next: the teacher's GRPO
/// from scratch, rejection sampling of its verified answers, the student's SFT on them (distillation), and the
/// student's GRPO from that checkpoint with the language-consistency reward. Each stage lives in its own folder
/// under the output folder, with a marker file when finished; summary.md tables the held-out pass@1 per stage.
/// </summary>
public sealed class R1Pipeline(PipelineConfig config, IRewardSource rewards, string outDir, TextWriter log, TimeProvider time)
{
    public const string TeacherStage = "1-teacher-grpo";
    public const string RejectionStage = "2-rejection-sampling";
    public const string SftStage = "3-student-sft";
    public const string StudentGrpoStage = "4-student-grpo";

    public string RowsPath => Path.Combine(outDir, RejectionStage, "rows.jsonl");

    public async Task<IReadOnlyList<StageResult>> RunAsync(CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "pipeline.json"), JsonSerializer.Serialize(config, TrainerConfig.Json));
        var stages = new StageRunner(log, time);
        var results = new List<StageResult>
        {
            await stages.RunAsync(TeacherStage, StageDir(TeacherStage), () => TeacherAsync(cancellationToken)).ConfigureAwait(false),
            await stages.RunAsync(RejectionStage, StageDir(RejectionStage), () => RejectionAsync(cancellationToken)).ConfigureAwait(false),
            await stages.RunAsync(SftStage, StageDir(SftStage), () => StudentSftAsync(cancellationToken)).ConfigureAwait(false),
            await stages.RunAsync(StudentGrpoStage, StageDir(StudentGrpoStage), () => StudentGrpoAsync(cancellationToken)).ConfigureAwait(false),
        };
        var table = SummaryTable(results);
        File.WriteAllText(Path.Combine(outDir, "summary.md"), table);
        log.WriteLine(table);
        return results;
    }

    /// <summary>The markdown table of stages: what each produced, its held-out pass@1 and wall time.</summary>
    public static string SummaryTable(IReadOnlyList<StageResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var text = new StringBuilder();
        text.AppendLine("| stage | held-out pass@1 | wall time | notes |");
        text.AppendLine("| --- | --- | --- | --- |");
        foreach (var r in results)
        {
            var pass = r.PassAt1 is { } p ? p.ToString("0.000", CultureInfo.InvariantCulture) : "-";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Stage} | {pass} | {r.Seconds:0.0} s | {r.Note} |");
        }

        return text.ToString();
    }

    private string StageDir(string stage) => Path.Combine(outDir, stage);

    private async Task<(double?, string)> TeacherAsync(CancellationToken cancellationToken)
    {
        using var setup = TrainingSetup.Create(config.Teacher);
        using (var trainer = new GrpoTrainer(setup, rewards, StageDir(TeacherStage), log, time))
        {
            await trainer.TrainAsync(resume: true, cancellationToken).ConfigureAwait(false);
        }

        return (await EvaluateAsync(setup, cancellationToken).ConfigureAwait(false), $"{config.Teacher.Run.Steps} GRPO steps, {Describe(setup)}");
    }

    private async Task<(double?, string)> RejectionAsync(CancellationToken cancellationToken)
    {
        using var setup = TrainingSetup.Create(config.Teacher);
        setup.LoadWeights(LatestCheckpoint(TeacherStage));
        var summary = await new RejectionSampler(setup, rewards, config.Rejection, log, time).RunAsync(RowsPath, cancellationToken).ConfigureAwait(false);
        if (summary.Kept == 0)
        {
            throw new InvalidOperationException($"Rejection sampling kept no rows ({summary.Samples} samples, {summary.Unknown} unknown): the student has nothing to learn from.");
        }

        return (null, string.Create(
            CultureInfo.InvariantCulture,
            $"kept {summary.Kept}/{summary.Samples} ({summary.KeptRate:P1}), {summary.PromptsCovered}/{summary.Prompts} prompts covered, {summary.Unknown} unknown"));
    }

    private async Task<(double?, string)> StudentSftAsync(CancellationToken cancellationToken)
    {
        using var setup = TrainingSetup.Create(config.Student);
        var dataset = SftDataset.Load(RowsPath, setup.Tokenizer);
        dataset.ReportSkipped(RowsPath, log);
        using (var trainer = new SftTrainer(setup, dataset.Examples, StageDir(SftStage), log, time))
        {
            trainer.Train(resume: true, cancellationToken);
        }

        return (await EvaluateAsync(setup, cancellationToken).ConfigureAwait(false), $"{config.Student.Sft.Steps} SFT steps on {dataset.Examples.Count} rows, {Describe(setup)}");
    }

    private async Task<(double?, string)> StudentGrpoAsync(CancellationToken cancellationToken)
    {
        var student = JsonSerializer.Deserialize<TrainerConfig>(config.Student.ToJson(), TrainerConfig.Json)!;
        student.Run.Steps = config.StudentGrpo.Steps;
        using var setup = TrainingSetup.Create(student);
        var resuming = CheckpointStore.Latest(Path.Combine(StageDir(StudentGrpoStage), "checkpoints")) is not null;
        if (!resuming)
        {
            // Loaded before the trainer is built, so the KL reference is the SFT policy, as in R1.
            setup.LoadWeights(LatestCheckpoint(SftStage));
        }

        var withConsistency = new LanguageConsistencyRewardSource(rewards, config.StudentGrpo.LanguageConsistencyWeight);
        using (var trainer = new GrpoTrainer(setup, withConsistency, StageDir(StudentGrpoStage), log, time))
        {
            await trainer.TrainAsync(resume: resuming, cancellationToken).ConfigureAwait(false);
        }

        return (await EvaluateAsync(setup, cancellationToken).ConfigureAwait(false),
            string.Create(CultureInfo.InvariantCulture, $"{student.Run.Steps} GRPO steps from the SFT checkpoint, language-consistency weight {config.StudentGrpo.LanguageConsistencyWeight}"));
    }

    private async Task<double?> EvaluateAsync(TrainingSetup setup, CancellationToken cancellationToken)
    {
        var result = await Evaluator.RunAsync(setup, rewards, config.Eval.Prompts, config.Eval.Samples, setup.Config.Run.Seed, cancellationToken).ConfigureAwait(false);
        return result.PassAt1;
    }

    private string LatestCheckpoint(string stage) =>
        CheckpointStore.Latest(Path.Combine(StageDir(stage), "checkpoints"))
            ?? throw new InvalidOperationException($"Stage {stage} has no checkpoint in {StageDir(stage)}.");

    private static string Describe(TrainingSetup setup) =>
        CheckpointCompatibility.Describe(setup.Config.Model, setup.Config.Tokenizer.Kind) + $", {setup.Policy.parameters().Sum(p => p.numel()):N0} parameters";
}
