namespace Simulator.Cli.Commands.Tcpdump.Filter;

/// <summary>
/// Splits a filter expression into tokens as libpcap's scanner does: words run over letters,
/// digits and <c>- _ . :</c> (so <c>10.0.0.1</c>, <c>fe:9e:e0:1e:90:8c</c> and <c>9000-9001</c> are
/// one word each); a backslash starts a word that may hold any character but blanks and
/// <c>!()</c> (<c>\icmp</c>); <c>!</c>, <c>&amp;&amp;</c>, <c>||</c> spell not, and, or.
/// </summary>
public static class FilterLexer
{
    public static List<FilterToken> Tokenize(string expression)
    {
        var tokens = new List<FilterToken>();
        int i = 0;
        while (i < expression.Length)
        {
            char c = expression[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            if (c == '\\')
            {
                int start = i++;
                while (i < expression.Length && !char.IsWhiteSpace(expression[i]) && expression[i] is not ('!' or '(' or ')')) i++;
                tokens.Add(new FilterToken(FilterTokenKind.Word, expression[start..i]));
                continue;
            }
            if (IsWordChar(c))
            {
                int start = i;
                while (i < expression.Length && IsWordChar(expression[i])) i++;
                tokens.Add(new FilterToken(FilterTokenKind.Word, expression[start..i]));
                continue;
            }
            if (c == '&' && i + 1 < expression.Length && expression[i + 1] == '&')
            {
                tokens.Add(new FilterToken(FilterTokenKind.And, "&&"));
                i += 2;
                continue;
            }
            if (c == '|' && i + 1 < expression.Length && expression[i + 1] == '|')
            {
                tokens.Add(new FilterToken(FilterTokenKind.Or, "||"));
                i += 2;
                continue;
            }
            // '!' is not, unless it starts '!=' (a relation, which the model does not compile).
            if (c == '!' && !(i + 1 < expression.Length && expression[i + 1] == '='))
            {
                tokens.Add(new FilterToken(FilterTokenKind.Not, "!"));
                i++;
                continue;
            }
            tokens.Add(c switch
            {
                '(' => new FilterToken(FilterTokenKind.LeftParen, "("),
                ')' => new FilterToken(FilterTokenKind.RightParen, ")"),
                '/' => new FilterToken(FilterTokenKind.Slash, "/"),
                _ => new FilterToken(FilterTokenKind.Other, c.ToString()),
            });
            i++;
        }
        tokens.Add(new FilterToken(FilterTokenKind.End, ""));
        return tokens;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':';
}
