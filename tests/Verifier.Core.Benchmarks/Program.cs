using Verifier.Core.Benchmarks;
using Verifier.MathSuites;

var dataArgument = args.SkipWhile(a => a != "--data").Skip(1).FirstOrDefault();
var data = DataLocator.Find(dataArgument);
if (data is null)
{
    Console.Error.WriteLine("Shared data not found; pass --data DIR (the folder holding math/mathverify_cases.jsonl).");
    return 2;
}

var cases = MathVerifyCase.Load(Path.Combine(data, "math", "mathverify_cases.jsonl"));
var caseArgument = args.SkipWhile(a => a != "--case").Skip(1).FirstOrDefault();
if (caseArgument is not null)
{
    CaseProbe.Run(cases.Single(c => c.Line == int.Parse(caseArgument, System.Globalization.CultureInfo.InvariantCulture)));
    return 0;
}

AgreementReport.Run(cases, verbose: args.Contains("--verbose"));
var math500 = Math500Item.Load(Path.Combine(data, "math", "math500.jsonl"));
Math500Report.Run(math500);
Console.WriteLine();
PathologicalReport.Run();
if (!args.Contains("--no-throughput"))
{
    Console.WriteLine();
    Throughput.Run("MATH-500 reference solutions", Throughput.FromMath500(math500));
    Throughput.Run("Math-Verify cases as R1 completions", Throughput.FromMathVerify(cases));
}

return 0;
