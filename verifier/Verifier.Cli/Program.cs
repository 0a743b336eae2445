using Verifier.Cli.CodeGrading;
using Verifier.Cli.Grading;
using Verifier.Sdk;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var usage = $"{GradeArguments.Usage}\n{GradeCodeArguments.Usage}";
if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(usage);
    return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Ok;
}

try
{
    switch (args[0])
    {
        case "grade":
            if (!GradeArguments.TryParse(args[1..], out var options, out var error))
            {
                Console.Error.WriteLine($"error: {error}\n\n{GradeArguments.Usage}");
                return ExitCodes.Usage;
            }

            return await new GradeCommand(options, Console.Out, Console.Error).RunAsync(Graders.Create, cancel.Token);
        case "grade-code":
            if (!GradeCodeArguments.TryParse(args[1..], out var codeOptions, out var codeError))
            {
                Console.Error.WriteLine($"error: {codeError}\n\n{GradeCodeArguments.Usage}");
                return ExitCodes.Usage;
            }

            return await new GradeCodeCommand(codeOptions, Console.Out, Console.Error).RunAsync(cancel.Token);
        default:
            Console.Error.WriteLine($"error: unknown command '{args[0]}'\n\n{usage}");
            return ExitCodes.Usage;
    }
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("cancelled; the output holds every row graded so far");
    return ExitCodes.Failed;
}
catch (VerifierRequestFailedException e)
{
    // A key the service refuses, or a request it refuses whole: nothing more can be graded.
    Console.Error.WriteLine($"error: {e.Message}; the output holds every row graded so far");
    return ExitCodes.Failed;
}
