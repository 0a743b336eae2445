using Verifier.Core.Math;

namespace Verifier.Core.Tests.Math.Parsing;

/// <summary>
/// Every notation the issue lists, shown by parsing two spellings of the same value (equal) and a near miss
/// (not equal), so each test can fail in both directions.
/// </summary>
public sealed class ParsingFeatureTests
{
    private static readonly MathVerifier Verifier = TestVerifiers.Default;

    [Theory]
    [InlineData("123456789012345678901234567890", "123456789012345678901234567890", "123456789012345678901234567891")]
    [InlineData("3.25", "3.250", "3.24")]
    [InlineData("0.4", ".4", "0.04")]
    [InlineData("\\frac{3}{4}", "\\dfrac{3}{4}", "\\frac{4}{3}")]
    [InlineData("\\frac{3}{4}", "\\tfrac34", "\\tfrac43")]
    [InlineData("\\frac{1}{2}", "\\frac12", "\\frac21")]
    [InlineData("\\frac{9}{19}", "\\frac9{19}", "\\frac{19}9")]
    [InlineData("\\frac{3}{4}", "3/4", "4/3")]
    [InlineData("137.5", "137 \\frac{1}{2}", "137 \\frac{1}{3}")]
    [InlineData("\\frac{9}{5}", "1\\frac{4}{5}", "1\\frac{3}{5}")]
    [InlineData("25\\%", "25 \\%", "2.5\\%")]
    [InlineData("0.25", "25\\%", "2.5\\%")]
    [InlineData("1500", "1.5 \\times 10^{3}", "1.5 \\times 10^{4}")]
    [InlineData("0.0015", "1.5e-3", "1.5e-4")]
    [InlineData("1000000", "1,000,000", "1,000,001")]
    [InlineData("10080", "10,\\!080", "10,\\!081")]
    [InlineData("14916", "14{,}916", "14{,}961")]
    [InlineData("14916", "14 {, }916", "14 {, }961")]
    [InlineData("11111111100", "11,\\! 111,\\! 111,\\! 100", "11,\\! 111,\\! 111,\\! 101")]
    [InlineData("\\frac{1}{3}", "0.\\overline{3}", "0.3")]
    [InlineData("\\frac{1}{6}", "0.1\\overline{6}", "0.1\\overline{7}")]
    [InlineData("18.90", "\\$18.90", "\\$18.09")]
    [InlineData("\\$32{,}000", "32000", "3200")]
    [InlineData("5.4 \\text{ cents}", "5.4", "5.5")]
    [InlineData("15\\mbox{ cm}^2", "15", "16")]
    [InlineData("864 \\mbox{ inches}^2", "864\\text{ square inches}", "863")]
    [InlineData("5000", "5 \\text{ thousand}", "5 \\text{ hundred}")]
    [InlineData("2500000", "2.5 million", "2.5")]
    [InlineData("90^\\circ", "90", "91^\\circ")]
    [InlineData("30^\\circ", "\\frac{\\pi}{6}", "\\frac{\\pi}{3}")]
    [InlineData("2\\sqrt{3}", "\\sqrt{12}", "\\sqrt{13}")]
    [InlineData("3", "\\sqrt[3]{27}", "\\sqrt[3]{26}")]
    [InlineData("-2", "\\sqrt[3]{-8}", "\\sqrt[3]{8}")]
    [InlineData("1024", "2^{10}", "2^{11}")]
    [InlineData("1024", "2^10", "2^11")]
    [InlineData("2\\pi", "\\pi + \\pi", "3\\pi")]
    [InlineData("e^2", "e \\cdot e", "2e")]
    [InlineData("-1", "e^{i\\pi}", "e^{\\pi}")]
    [InlineData("-2 + 7i", "7i - 2", "-2 - 7i")]
    [InlineData("(-\\infty, 0]", "(-\\infty, 0]", "(\\infty, 0]")]
    [InlineData("\\frac{1}{2}", "\\sin(\\pi/6)", "\\cos(\\pi/6)")]
    [InlineData("\\frac{\\sqrt{3}}{2}", "\\cos\\frac{\\pi}{6}", "\\sin\\frac{\\pi}{6}")]
    [InlineData("\\frac{\\pi}{4}", "\\arctan 1", "\\arcsin 1")]
    [InlineData("\\frac{\\pi}{6}", "\\sin^{-1}(1/2)", "\\cos^{-1}(1/2)")]
    [InlineData("3", "\\log_2 8", "\\log_2 9")]
    [InlineData("1", "\\ln e", "\\ln 2")]
    [InlineData("e^3", "\\exp(3)", "\\exp(2)")]
    [InlineData("10", "\\binom{5}{2}", "\\binom{5}{3} + 1")]
    [InlineData("120", "5!", "4!")]
    [InlineData("15", "5!!", "(5!)!")]
    [InlineData("8", "5 - -3", "5 - 3")]
    [InlineData("\\frac{1}{6}", "1/2/3", "1/(2/3)")]
    [InlineData("3", "|-3|", "-|3|")]
    [InlineData("\\{3, -3\\}", "\\pm 3", "3")]
    [InlineData("6xy", "2x \\cdot 3y", "6x + y")]
    [InlineData("6", "2(3)", "2 + 3")]
    [InlineData("\\frac{1}{3}", "\\left( \\frac{1}{3} \\right)", "\\left( \\frac{1}{4} \\right)")]
    [InlineData("12", "3 \\times 4", "3 \\times 5")]
    [InlineData("3", "12 \\div 4", "12 \\div 3")]
    [InlineData("3", "\\lfloor \\pi \\rfloor", "\\lceil \\pi \\rceil")]
    [InlineData("204_5", "54", "55")]
    public void CompareAnswers_ParsesEachNotation(string gold, string same, string different)
    {
        var equal = Verifier.CompareAnswers(gold, same);
        var unequal = Verifier.CompareAnswers(gold, different);

        Assert.True(equal.Correct, $"{same}: {equal.Reason}");
        Assert.NotEqual(true, unequal.Correct);
    }

    [Theory]
    [InlineData("(1, 2, 3)", "\\left(1,2,3\\right)", "(1, 3, 2)")]
    [InlineData("\\{1, 2, 3\\}", "\\{3, 2, 1\\}", "\\{1, 2\\}")]
    [InlineData("[2, 5)", "[2,5)", "(2, 5)")]
    [InlineData("(-\\infty, 2) \\cup (3, \\infty)", "(3, \\infty) \\cup (-\\infty, 2)", "(-\\infty, 2] \\cup (3, \\infty)")]
    [InlineData("\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}", "\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}", "\\begin{pmatrix} 1 & 3 \\\\ 2 & 4 \\end{pmatrix}")]
    [InlineData("\\begin{pmatrix} -1/3 \\\\ 2/3 \\end{pmatrix}", "\\begin{pmatrix} -\\frac{1}{3} \\\\ \\frac{2}{3} \\end{pmatrix}", "\\begin{pmatrix} 1/3 \\\\ 2/3 \\end{pmatrix}")]
    [InlineData("y = 2x + 3", "2x - y + 3 = 0", "y = 2x - 3")]
    [InlineData("x \\le 5", "5 \\geq x", "x < 5")]
    [InlineData("\\text{(C)}", "C", "B")]
    [InlineData("\\text{(C)}", "\\textbf{(C)}", "\\text{(D)}")]
    [InlineData("\\text{Evelyn}", "Evelyn", "Navin")]
    [InlineData("\\text{even}", "\\text{Even}", "\\text{odd}")]
    public void CompareAnswers_ParsesEachStructure(string gold, string same, string different)
    {
        var equal = Verifier.CompareAnswers(gold, same);
        var unequal = Verifier.CompareAnswers(gold, different);

        Assert.True(equal.Correct, $"{same}: {equal.Reason}");
        Assert.NotEqual(true, unequal.Correct);
    }
}
