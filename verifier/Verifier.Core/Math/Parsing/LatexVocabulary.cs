using System.Collections.Frozen;

namespace Verifier.Core.Math.Parsing;

/// <summary>The LaTeX commands and plain-text words the parser understands, as token templates.</summary>
internal static class LatexVocabulary
{
    /// <summary>Commands that only affect layout or spacing.</summary>
    public static readonly FrozenSet<string> Ignored = FrozenSet.ToFrozenSet(
    [
        "left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl",
        "Biggr", "middle", "displaystyle", "textstyle", "scriptstyle", "limits", "nolimits", "!", ",", ";", ":", " ",
        ">", "hline", "nonumber", "notag", "noindent", "allowbreak", "/", "enspace", "thinspace", "medspace",
        "thickspace", "negthinspace", "hfill", "centering", "relax", "strut", "mathstrut", "newline", "cr", "label",
    ], StringComparer.Ordinal);

    /// <summary>Commands whose arguments the parser reads as raw text.</summary>
    public static readonly FrozenSet<string> WithArguments = FrozenSet.ToFrozenSet(
    [
        "frac", "dfrac", "tfrac", "cfrac", "sqrt", "binom", "dbinom", "tbinom", "choose", "text", "textbf", "textit",
        "textrm", "textsf", "texttt", "textnormal", "textup", "emph", "mbox", "hbox", "mathrm", "mathbf", "mathit",
        "mathsf", "mathtt", "mathbb", "mathcal", "mathfrak", "mathscr", "operatorname", "boldsymbol", "bm", "pmb",
        "overline", "underline", "boxed", "fbox", "framebox", "begin", "end", "phantom", "hphantom", "vphantom",
        "overrightarrow", "overleftarrow", "vec", "hat", "widehat", "bar", "tilde", "widetilde", "dot", "ddot",
        "pmod", "bmod", "mod", "color", "textcolor", "cancel", "bcancel", "xcancel", "not", "sum", "prod", "int",
        "iint", "oint", "lim", "underbrace", "overbrace", "stackrel", "overset", "underset", "tag", "ensuremath",
    ], StringComparer.Ordinal);

    public static readonly FrozenSet<string> TextCommands = FrozenSet.ToFrozenSet(
    [
        "text", "textbf", "textit", "textrm", "textsf", "texttt", "textnormal", "textup", "emph", "mbox", "hbox",
    ], StringComparer.Ordinal);

    /// <summary>Font commands whose argument is still mathematics (\mathrm{e} is e).</summary>
    public static readonly FrozenSet<string> MathFontCommands = FrozenSet.ToFrozenSet(
    [
        "mathrm", "mathbf", "mathit", "mathsf", "mathtt", "mathcal", "mathfrak", "mathscr", "boldsymbol", "bm", "pmb",
        "ensuremath", "underline", "cancel", "bcancel", "xcancel",
    ], StringComparer.Ordinal);

    public static readonly FrozenDictionary<string, Token> Commands = BuildCommands();

    /// <summary>Plain-text words (outside \text) with a meaning: functions, constants, units, separators.</summary>
    public static readonly FrozenDictionary<string, Token> Words = BuildWords();

    public static readonly FrozenSet<string> GreekLetters = FrozenSet.ToFrozenSet(
    [
        "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta", "iota",
        "kappa", "lambda", "mu", "nu", "xi", "omicron", "rho", "varrho", "sigma", "varsigma", "tau", "upsilon",
        "phi", "varphi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Sigma",
        "Upsilon", "Phi", "Psi", "Omega", "ell", "hbar", "aleph", "nabla", "partial", "angle", "triangle",
        "square", "star", "dagger",
    ], StringComparer.Ordinal);

    /// <summary>Words after a quantity that scale it rather than name a unit ("5 thousand" is 5000).</summary>
    public static readonly FrozenDictionary<string, long> Multipliers = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase)
    {
        ["hundred"] = 100,
        ["thousand"] = 1_000,
        ["million"] = 1_000_000,
        ["billion"] = 1_000_000_000,
        ["trillion"] = 1_000_000_000_000,
        ["dozen"] = 12,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static Token T(TokenKind kind) => new(kind, 0, 0);

    private static Token Rel(RelationKind kind) => new(TokenKind.Relation, 0, 0) { Relation = kind };

    private static Token Fn(FunctionKind kind) => new(TokenKind.Function, 0, 0) { Function = kind };

    private static Token Const(ConstantKind kind) => new(TokenKind.Constant, 0, 0) { Constant = kind };

    private static FrozenDictionary<string, Token> BuildCommands()
    {
        var d = new Dictionary<string, Token>(StringComparer.Ordinal)
        {
            ["pi"] = Const(ConstantKind.Pi),
            ["infty"] = Const(ConstantKind.Infinity),
            ["infin"] = Const(ConstantKind.Infinity),
            ["imath"] = Const(ConstantKind.I),
            ["cdot"] = T(TokenKind.Times),
            ["times"] = T(TokenKind.Times),
            ["ast"] = T(TokenKind.Times),
            ["centerdot"] = T(TokenKind.Times),
            ["bullet"] = T(TokenKind.Times),
            ["div"] = T(TokenKind.Divide),
            ["pm"] = T(TokenKind.PlusMinus),
            ["mp"] = T(TokenKind.PlusMinus),
            ["circ"] = T(TokenKind.Degree),
            ["degree"] = T(TokenKind.Degree),
            ["prime"] = T(TokenKind.Prime),
            ["%"] = T(TokenKind.Percent),
            ["{"] = T(TokenKind.LeftSetBrace),
            ["}"] = T(TokenKind.RightSetBrace),
            ["lbrace"] = T(TokenKind.LeftSetBrace),
            ["rbrace"] = T(TokenKind.RightSetBrace),
            ["lbrack"] = T(TokenKind.LeftBracket),
            ["rbrack"] = T(TokenKind.RightBracket),
            ["langle"] = T(TokenKind.LeftParen),
            ["rangle"] = T(TokenKind.RightParen),
            ["vert"] = T(TokenKind.Bar),
            ["lvert"] = T(TokenKind.Bar),
            ["rvert"] = T(TokenKind.Bar),
            ["|"] = T(TokenKind.Bar),
            ["Vert"] = T(TokenKind.Bar),
            ["lVert"] = T(TokenKind.Bar),
            ["rVert"] = T(TokenKind.Bar),
            ["lfloor"] = T(TokenKind.LeftFloor),
            ["rfloor"] = T(TokenKind.RightFloor),
            ["lceil"] = T(TokenKind.LeftCeiling),
            ["rceil"] = T(TokenKind.RightCeiling),
            ["quad"] = T(TokenKind.WordSeparator),
            ["qquad"] = T(TokenKind.WordSeparator),
            ["land"] = T(TokenKind.WordSeparator),
            ["lor"] = T(TokenKind.WordSeparator),
            ["wedge"] = T(TokenKind.WordSeparator),
            ["vee"] = T(TokenKind.WordSeparator),
            ["dots"] = T(TokenKind.Ellipsis),
            ["ldots"] = T(TokenKind.Ellipsis),
            ["cdots"] = T(TokenKind.Ellipsis),
            ["dotsc"] = T(TokenKind.Ellipsis),
            ["dotsb"] = T(TokenKind.Ellipsis),
            ["emptyset"] = T(TokenKind.EmptySet),
            ["varnothing"] = T(TokenKind.EmptySet),
            ["cup"] = new(TokenKind.SetOperation, 0, 0) { SetOperation = SetOperationKind.Union },
            ["bigcup"] = new(TokenKind.SetOperation, 0, 0) { SetOperation = SetOperationKind.Union },
            ["cap"] = new(TokenKind.SetOperation, 0, 0) { SetOperation = SetOperationKind.Intersection },
            ["bigcap"] = new(TokenKind.SetOperation, 0, 0) { SetOperation = SetOperationKind.Intersection },
            ["setminus"] = new(TokenKind.SetOperation, 0, 0) { SetOperation = SetOperationKind.Difference },
            ["backslash"] = new(TokenKind.SetOperation, 0, 0) { SetOperation = SetOperationKind.Difference },
            ["le"] = Rel(RelationKind.LessEqual),
            ["leq"] = Rel(RelationKind.LessEqual),
            ["leqslant"] = Rel(RelationKind.LessEqual),
            ["leqq"] = Rel(RelationKind.LessEqual),
            ["ge"] = Rel(RelationKind.GreaterEqual),
            ["geq"] = Rel(RelationKind.GreaterEqual),
            ["geqslant"] = Rel(RelationKind.GreaterEqual),
            ["geqq"] = Rel(RelationKind.GreaterEqual),
            ["lt"] = Rel(RelationKind.Less),
            ["gt"] = Rel(RelationKind.Greater),
            ["ne"] = Rel(RelationKind.NotEqual),
            ["neq"] = Rel(RelationKind.NotEqual),
            ["approx"] = Rel(RelationKind.Approx),
            ["simeq"] = Rel(RelationKind.Approx),
            ["sim"] = Rel(RelationKind.Approx),
            ["cong"] = Rel(RelationKind.Equiv),
            ["equiv"] = Rel(RelationKind.Equiv),
            ["in"] = Rel(RelationKind.In),
            ["notin"] = Rel(RelationKind.NotIn),
            ["subset"] = Rel(RelationKind.Subset),
            ["subseteq"] = Rel(RelationKind.Subset),
            ["coloneqq"] = Rel(RelationKind.Equal),
            ["sin"] = Fn(FunctionKind.Sin),
            ["cos"] = Fn(FunctionKind.Cos),
            ["tan"] = Fn(FunctionKind.Tan),
            ["sec"] = Fn(FunctionKind.Sec),
            ["csc"] = Fn(FunctionKind.Csc),
            ["cot"] = Fn(FunctionKind.Cot),
            ["arcsin"] = Fn(FunctionKind.Asin),
            ["arccos"] = Fn(FunctionKind.Acos),
            ["arctan"] = Fn(FunctionKind.Atan),
            ["sinh"] = Fn(FunctionKind.Sinh),
            ["cosh"] = Fn(FunctionKind.Cosh),
            ["tanh"] = Fn(FunctionKind.Tanh),
            ["ln"] = Fn(FunctionKind.Ln),
            ["log"] = Fn(FunctionKind.Log),
            ["lg"] = Fn(FunctionKind.Log),
            ["exp"] = Fn(FunctionKind.Exp),
            ["gcd"] = Fn(FunctionKind.Gcd),
            ["lcm"] = Fn(FunctionKind.Lcm),
            ["max"] = Fn(FunctionKind.Max),
            ["min"] = Fn(FunctionKind.Min),
        };

        return d.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static FrozenDictionary<string, Token> BuildWords()
    {
        var d = new Dictionary<string, Token>(StringComparer.OrdinalIgnoreCase)
        {
            ["sqrt"] = Fn(FunctionKind.Sqrt),
            ["sin"] = Fn(FunctionKind.Sin),
            ["cos"] = Fn(FunctionKind.Cos),
            ["tan"] = Fn(FunctionKind.Tan),
            ["arcsin"] = Fn(FunctionKind.Asin),
            ["arccos"] = Fn(FunctionKind.Acos),
            ["arctan"] = Fn(FunctionKind.Atan),
            ["ln"] = Fn(FunctionKind.Ln),
            ["log"] = Fn(FunctionKind.Log),
            ["exp"] = Fn(FunctionKind.Exp),
            ["abs"] = Fn(FunctionKind.Abs),
            ["pi"] = Const(ConstantKind.Pi),
            ["infinity"] = Const(ConstantKind.Infinity),
            ["infty"] = Const(ConstantKind.Infinity),
            ["inf"] = Const(ConstantKind.Infinity),
            ["and"] = T(TokenKind.WordSeparator),
            ["or"] = T(TokenKind.WordSeparator),
            ["percent"] = T(TokenKind.Percent),
            ["percentage"] = T(TokenKind.Percent),
            ["pct"] = T(TokenKind.Percent),
            ["degrees"] = T(TokenKind.Degree),
            ["degree"] = T(TokenKind.Degree),
            ["deg"] = T(TokenKind.Degree),
        };

        string[] units =
        [
            "cm", "mm", "km", "meter", "meters", "metre", "metres", "inch", "inches", "ft", "feet", "foot", "yd",
            "yard", "yards", "mile", "miles", "mph", "kph", "kmh", "kg", "gram", "grams", "kilograms", "lb", "lbs",
            "pound", "pounds", "ounce", "ounces", "oz", "ton", "tons", "liter", "liters", "litre", "litres", "ml",
            "gallon", "gallons", "seconds", "minute", "minutes", "hour", "hours", "hr", "hrs", "day", "days", "week",
            "weeks", "month", "months", "year", "years", "yr", "yrs", "dollar", "dollars", "cent", "cents", "euro",
            "euros", "yuan", "usd", "unit", "units", "sq", "square", "cubic", "cm2", "cm3", "m2", "m3", "radians",
            "radian", "people", "persons", "students", "ways", "items", "points", "steps", "times", "sides", "cups",
            "apples", "marbles", "coins", "books", "pages", "boxes", "balls", "cars", "trees", "eggs", "cookies",
            "candies", "per", "each", "hundred", "thousand", "million", "billion", "trillion", "dozen", "only", "approximately", "about", "exactly", "total",
        ];
        foreach (var unit in units)
        {
            d[unit] = T(TokenKind.Unit);
        }

        return d.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
