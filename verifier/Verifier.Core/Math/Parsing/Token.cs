using Verifier.Core.Math.Numbers;

namespace Verifier.Core.Math.Parsing;

internal enum TokenKind
{
    End,
    Number,
    Identifier,
    Constant,
    Function,

    /// <summary>A command that reads raw arguments (\frac, \sqrt, \text, \begin, ...); <see cref="Token.Name"/> says which.</summary>
    Command,
    Plus,
    Minus,
    PlusMinus,
    Times,
    Divide,
    Power,
    Subscript,
    Factorial,
    Percent,
    Degree,
    Prime,
    Relation,
    SetOperation,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    LeftBrace,
    RightBrace,
    LeftSetBrace,
    RightSetBrace,
    Bar,
    LeftFloor,
    RightFloor,
    LeftCeiling,
    RightCeiling,
    Comma,
    Semicolon,

    /// <summary>\quad, "and", "or", \text{ and }: separates items but weaker than a comma.</summary>
    WordSeparator,
    Colon,

    /// <summary>A word that names a unit (cm, dollars): dropped after a quantity.</summary>
    Unit,

    /// <summary>The content of \text{...} (or \mbox, \textbf, ...), in <see cref="Token.Name"/>.</summary>
    Text,
    Ellipsis,
    EmptySet,
}

/// <summary>One lexical token; which payload field is meaningful depends on <see cref="Kind"/>.</summary>
internal readonly record struct Token(TokenKind Kind, int Start, int End)
{
    public string? Name { get; init; }

    public BigRational Number { get; init; }

    public bool IsDecimal { get; init; }

    public RelationKind Relation { get; init; }

    public ConstantKind Constant { get; init; }

    public FunctionKind Function { get; init; }

    public SetOperationKind SetOperation { get; init; }
}
