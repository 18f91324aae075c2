namespace Simulator.Cli.Commands.Tcpdump.Filter;

public enum FilterTokenKind
{
    /// <summary>A keyword, number, address or name; which is decided by the parser from <see cref="FilterToken.Text"/>.</summary>
    Word,
    LeftParen,
    RightParen,
    Not,
    And,
    Or,
    Slash,
    /// <summary>Punctuation of the packet-data and arithmetic forms (tcp[13], len &gt; 100), which the model does not compile.</summary>
    Other,
    End,
}

public readonly record struct FilterToken(FilterTokenKind Kind, string Text)
{
    public bool IsWord(string word) => Kind == FilterTokenKind.Word && Text == word;
}
