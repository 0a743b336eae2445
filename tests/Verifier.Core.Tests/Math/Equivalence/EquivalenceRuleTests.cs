using Verifier.Core.Math;

namespace Verifier.Core.Tests.Math.Equivalence;

/// <summary>The equivalence rules of the issue, each with a case that must hold and one that must not.</summary>
public sealed class EquivalenceRuleTests
{
    private static readonly MathVerifier Verifier = TestVerifiers.Default;

    private static void AssertEqual(string gold, string predicted)
    {
        var verdict = Verifier.CompareAnswers(gold, predicted);
        Assert.True(verdict.Correct, $"{gold} vs {predicted}: {verdict.Reason}");
    }

    private static void AssertNotEqual(string gold, string predicted)
    {
        var verdict = Verifier.CompareAnswers(gold, predicted);
        Assert.False(verdict.Correct, $"{gold} vs {predicted}: {verdict.Reason}");
    }

    [Fact]
    public void CompareAnswers_OrderedTuples_MustMatchInOrder()
    {
        AssertEqual("(1, 2)", "(1, 2)");
        AssertEqual("\\left( 3, \\frac{\\pi}{2} \\right)", "(3, \\pi/2)");
        AssertNotEqual("(1, 2)", "(2, 1)");
        AssertNotEqual("(1, 2, 3)", "(1, 2)");
    }

    [Fact]
    public void CompareAnswers_SetsAndSolutionLists_IgnoreOrder()
    {
        AssertEqual("\\{1, 2, 3\\}", "\\{3, 1, 2\\}");
        AssertEqual("1, -2", "-2, 1");
        AssertEqual("3, 5, 7", "7, 5, 3");
        AssertEqual("\\{1\\pm\\sqrt{5},-2\\}", "-2, 1+\\sqrt5, 1-\\sqrt5");
        AssertEqual("(1,2),(2,1)", "(2, 1), (1, 2)");
        AssertNotEqual("\\{1, 2, 3\\}", "\\{1, 2, 4\\}");
        AssertNotEqual("1, -2", "1, 2");
    }

    [Fact]
    public void CompareAnswers_HedgedListAgainstOneValue_IsWrong()
    {
        AssertNotEqual("5", "5, 6");
        AssertNotEqual("5", "5 \\text{ or } 6");
        AssertNotEqual("5", "\\{5, 6, 7\\}");
        AssertEqual("5", "5, 5");
    }

    [Fact]
    public void CompareAnswers_IntervalClosure_Matters()
    {
        AssertEqual("[-2, 7]", "[-2,7]");
        AssertEqual("(2, \\infty)", "(2, +\\infty)");
        AssertNotEqual("[-2, 7]", "(-2, 7]");
        AssertNotEqual("[-2, 7]", "[-2, 7)");
        AssertEqual("(0,9) \\cup (9,36)", "(9,36) \\cup (0,9)");
        AssertNotEqual("(0,9) \\cup (9,36)", "(0,36)");
    }

    [Fact]
    public void CompareAnswers_AnAssignment_EqualsItsValue()
    {
        AssertEqual("x=5", "5");
        AssertEqual("5", "x = 5");
        AssertEqual("11", "x = 5+5+1 = 11");
        AssertEqual("(3, 2)", "(p,q)=(3,2)");
        AssertEqual("\\frac{1}{3}", "x = \\frac{1}{3} \\approx 0.33");
        AssertNotEqual("7 = 11a+c", "11a+c");
        AssertNotEqual("2x + z = 1", "1");
    }

    [Fact]
    public void CompareAnswers_EquivalentEquations_AreEqual()
    {
        AssertEqual("y = 2x + 3", "2x - y + 3 = 0");
        AssertEqual("5x - 7y + 11z + 4 = 0", "-5x + 7y - 11z - 4 = 0");
        AssertEqual("x^2/4 + y^2/3 = 1", "x^2/16 + y^2/12 = 1/4");
        AssertEqual("y = -2x", "2x + y = 0");
        AssertNotEqual("y = 2x + 3", "y = 2x + 4");
        AssertNotEqual("y = 2x + 3", "y = 3x + 2");
    }

    [Fact]
    public void CompareAnswers_EquivalentInequalities_AreEqual()
    {
        AssertEqual("x < 1", "-x > -1");
        AssertEqual("x \\geq 5", "5 \\leq x");
        AssertNotEqual("x < 1", "x > -1");
        AssertNotEqual("x \\geq 5", "x \\leq 5");
        AssertNotEqual("x < 1", "x \\le 1");
    }

    [Fact]
    public void CompareAnswers_InequalityAndInterval_MatchAsSets()
    {
        AssertEqual("-2 \\le x \\le 7", "x \\in [-2, 7]");
        AssertEqual("k \\ge 2", "[2, \\infty)");
        AssertEqual("1 \\leq |z| \\leq \\frac{3}{2}", "z \\in \\left[-\\frac{3}{2}, -1\\right] \\cup \\left[1, \\frac{3}{2}\\right]");
        AssertNotEqual("-2 \\le x \\le 7", "x \\in (-2, 7]");
    }

    [Fact]
    public void CompareAnswers_PredictedInequalityAgainstGoldInterval_FollowsTheOption()
    {
        var strict = TestVerifiers.Create(new MathVerifierOptions { AllowSetRelationComparison = false, TimeBudget = TestVerifiers.GenerousTime });

        Assert.True(Verifier.CompareAnswers("x \\in [-2,7]", "-2 \\le x \\le 7").Correct);
        Assert.NotEqual(true, strict.CompareAnswers("x \\in [-2,7]", "-2 \\le x \\le 7").Correct);
        Assert.True(strict.CompareAnswers("-2 \\le x \\le 7", "x \\in [-2,7]").Correct);
    }

    [Fact]
    public void CompareAnswers_PlusMinus_StandsForBothValues()
    {
        AssertEqual("1 \\pm \\sqrt{19}", "1 + \\sqrt{19}, 1 - \\sqrt{19}");
        AssertEqual("\\pm 2021", "\\{-2021, 2021\\}");
        AssertEqual("3 \\pm 2 \\sqrt{2}", "3 \\pm \\sqrt{8}");
        AssertNotEqual("\\pm 2021", "2021");
        AssertNotEqual("1 \\pm \\sqrt{19}", "1 + \\sqrt{19}");
    }

    [Fact]
    public void CompareAnswers_DecimalAgainstFraction_IsExactUnlessToleranceIsGiven()
    {
        AssertEqual("\\frac{1}{2}", "0.5");
        AssertEqual("\\frac{1}{8}", "0.125");
        AssertNotEqual("\\frac{2}{3}", "0.67");
        Assert.True(Verifier.CompareAnswers("\\frac{2}{3}", "0.67", tolerance: 0.01).Correct);
        Assert.False(Verifier.CompareAnswers("\\frac{2}{3}", "0.6", tolerance: 0.01).Correct);
        Assert.True(Verifier.CompareAnswers("\\pi", "3.1416", tolerance: 1e-4).Correct);
        Assert.False(Verifier.CompareAnswers("\\pi", "3.14", tolerance: 1e-4).Correct);
    }

    [Fact]
    public void CompareAnswers_ExactArithmetic_SeesDifferencesAtAnyScale()
    {
        AssertEqual("2^{100}", "1267650600228229401496703205376");
        AssertNotEqual("2^{100}", "1267650600228229401496703205377");
        AssertNotEqual("10^{100}+1", "10^{100}");
        AssertNotEqual("\\frac{1}{2^{99}}", "\\frac{1}{2^{98}}");
        AssertNotEqual("\\frac{1}{2004!}", "\\frac{1}{2006!}");
        AssertNotEqual("10^{-20}", "0");
        AssertNotEqual("1-\\frac{1}{e}", "1+\\frac{1}{e}");
    }

    [Fact]
    public void CompareAnswers_IrrationalValues_AreComparedToHighPrecision()
    {
        AssertEqual("3\\sqrt{13}", "\\sqrt{117}");
        AssertEqual("\\frac{5\\sqrt{42}}{27}", "\\frac{10\\sqrt{10.5}}{27}");
        AssertEqual("\\frac{\\sqrt{3}}{3}", "\\frac{1}{\\sqrt{3}}");
        AssertEqual("11 \\sqrt{5} + 11", "11(1+\\sqrt5)");
        AssertEqual("\\frac{\\sqrt{\\sqrt{11}+\\sqrt{194}}}{15+2\\sqrt{33}}", "\\frac{\\sqrt{\\sqrt{11}+\\sqrt{194}}}{2\\sqrt{33}+15}");
        AssertNotEqual("\\sqrt{2}+\\sqrt{3}", "\\sqrt{5}");
        AssertNotEqual("\\frac{1+\\sqrt{5}}{2}", "2");
    }

    [Fact]
    public void CompareAnswers_ExpressionsWithVariables_AreTestedAtRandomPoints()
    {
        AssertEqual("\\frac{x+2}{7}", "\\frac{x}{7}+\\frac{2}{7}");
        AssertEqual("\\tan^2(y)+1", "\\sec^2(y)");
        AssertEqual("x^8 + x^7 + x^6 + x^5 + x^4 + x^3 + x^2 + x + 1", "\\frac{x^9-1}{x-1}");
        AssertEqual("2 \\sin b \\cos a", "\\sin(a+b) - \\sin(a-b)");
        AssertEqual("(a+5)(b+2)", "ab + 2a + 5b + 10");
        AssertNotEqual("(a+5)(b+2)", "(+5)(b+2)");
        AssertNotEqual("x+2n+1", "x+1");
        AssertNotEqual("\\sin^2 x", "\\sin x^2");
    }

    [Fact]
    public void CompareAnswers_Percentages_MatchWithOrWithoutTheSign()
    {
        AssertEqual("20\\%", "20");
        AssertEqual("20\\%", "0.2");
        AssertEqual("28\\%", "28 \\text{ percent}");
        AssertNotEqual("20\\%", "2");
    }

    [Fact]
    public void CompareAnswers_Matrices_CompareCellByCell()
    {
        AssertEqual("\\begin{pmatrix}6 & 8 \\\\ 10 & 12\\end{pmatrix}", "\\begin{pmatrix}1 & 2 \\\\ 3 & 4\\end{pmatrix} + \\begin{pmatrix}5 & 6 \\\\ 7 & 8\\end{pmatrix}");
        AssertEqual("\\begin{pmatrix}1 & 0 \\\\ 0 & 1\\end{pmatrix}", "\\begin{pmatrix}1 & 0 \\\\ 0 & 1\\end{pmatrix}\\begin{pmatrix}1 & 0 \\\\ 0 & 1\\end{pmatrix}");
        AssertEqual("\\begin{pmatrix} -7 \\\\ 16 \\\\ 5 \\end{pmatrix}", "(-7, 16, 5)");
        AssertEqual("\\begin{pmatrix} 1/5 \\\\ -18/5 \\end{pmatrix}", "[1/5, -18/5]");
        AssertNotEqual("\\begin{pmatrix} 1/5 \\\\ -18/5 \\end{pmatrix}", "[-18/5, 1/5]");
        AssertNotEqual("\\begin{pmatrix}1 & 2 \\\\ 3 & 4\\end{pmatrix}", "\\begin{pmatrix}1 & 2 \\\\ 3 & 5\\end{pmatrix}");
        AssertNotEqual("\\begin{pmatrix}1 & 2 \\\\ 3 & 4\\end{pmatrix}", "\\begin{pmatrix}1 & 2 & 3 \\\\ 3 & 4 & 5\\end{pmatrix}");
    }

    [Fact]
    public void CompareAnswers_NamedValues_MatchByName()
    {
        AssertEqual("a_3 = 2, a_{37} = 19", "a_{37} = 19, \\quad a_3 = 2");
        AssertEqual("p=5,q=2;p=7,q=2", "(5,2),(7,2)");
        AssertEqual("AB=4,CD=5", "4, 5");
        AssertNotEqual("AB=4,CD=5", "5, 4");
    }

    [Fact]
    public void CompareAnswers_TextAnswers_CompareAsWords()
    {
        AssertEqual("\\text{Evelyn}", "\\text{Evelyn}");
        AssertEqual("\\text{east}", "east");
        AssertEqual("\\text{(B)}", "(B)");
        AssertNotEqual("\\text{(B)}", "(C)");
        AssertNotEqual("\\text{ellipse}", "\\text{circle}");
    }

    [Fact]
    public void CompareAnswers_Units_AreIgnored()
    {
        AssertEqual("125 \\text{ miles}", "125");
        AssertEqual("\\frac{270}7\\text{ degrees}", "\\frac{270}{7}");
        AssertEqual("0.06 \\text{ yuan}", "0.06");
        AssertNotEqual("125 \\text{ miles}", "126 \\text{ miles}");
    }

    [Fact]
    public void CompareAnswers_ComplexNumbers_CompareExactly()
    {
        AssertEqual("1+2i", "2i+1");
        AssertEqual("6 - 5i", "\\frac{(6-5i)(1+i)}{1+i}");
        AssertEqual("-1", "i^2");
        AssertNotEqual("1+2i", "1-2i");
    }
}
