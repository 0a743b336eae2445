using Verifier.Cli.Grading;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(GradeArguments.Usage);
    return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Ok;
}

if (args[0] != "grade")
{
    Console.Error.WriteLine($"error: unknown command '{args[0]}'\n\n{GradeArguments.Usage}");
    return ExitCodes.Usage;
}

if (!GradeArguments.TryParse(args[1..], out var options, out var error))
{
    Console.Error.WriteLine($"error: {error}\n\n{GradeArguments.Usage}");
    return ExitCodes.Usage;
}

try
{
    var command = new GradeCommand(options, Console.Out, Console.Error);
    return await command.RunAsync(Graders.Create, cancel.Token);
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("cancelled; the output holds every row graded so far");
    return ExitCodes.Failed;
}
