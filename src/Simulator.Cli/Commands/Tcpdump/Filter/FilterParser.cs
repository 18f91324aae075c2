namespace Simulator.Cli.Commands.Tcpdump.Filter;

/// <summary>
/// libpcap's grammar (grammar.y), by recursive descent: <c>and</c> and <c>or</c> bind equally and
/// associate left to right, <c>not</c> binds tighter; a primitive is a protocol name alone
/// (<c>icmp</c>), or qualifiers and an id (<c>tcp dst port 80</c>), and a bare id after
/// <c>and</c>/<c>or</c> reuses the qualifiers before it (<c>host a or b</c>). Primitives are built
/// as they are parsed, so a bad one is reported before a later syntax error, as libpcap does.
/// </summary>
internal sealed class FilterParser(List<FilterToken> tokens, FilterContext context)
{
    private static readonly Dictionary<string, ProtocolQualifier> ProtocolWords = new()
    {
        ["ether"] = ProtocolQualifier.Link, ["link"] = ProtocolQualifier.Link,
        ["ip"] = ProtocolQualifier.Ip, ["arp"] = ProtocolQualifier.Arp, ["rarp"] = ProtocolQualifier.Rarp,
        ["ip6"] = ProtocolQualifier.Ip6, ["tcp"] = ProtocolQualifier.Tcp, ["udp"] = ProtocolQualifier.Udp,
        ["icmp"] = ProtocolQualifier.Icmp, ["icmp6"] = ProtocolQualifier.Icmp6, ["sctp"] = ProtocolQualifier.Sctp,
        ["igmp"] = ProtocolQualifier.Igmp, ["pim"] = ProtocolQualifier.Pim, ["vrrp"] = ProtocolQualifier.Vrrp,
        ["ah"] = ProtocolQualifier.Ah, ["esp"] = ProtocolQualifier.Esp,
    };

    private static readonly Dictionary<string, AddressQualifier> AddressWords = new()
    {
        ["host"] = AddressQualifier.Host, ["net"] = AddressQualifier.Net, ["port"] = AddressQualifier.Port,
        ["portrange"] = AddressQualifier.PortRange, ["gateway"] = AddressQualifier.Gateway,
    };

    // The rest of libpcap's keywords: a filter using them is valid for tcpdump but not compiled here.
    private static readonly HashSet<string> UnmodelledWords =
    [
        "len", "byte", "protochain", "ifindex", "mpls", "pppoed", "pppoes", "geneve", "llc", "iso", "esis",
        "es-is", "isis", "is-is", "clnp", "l1", "l2", "iih", "lsp", "snp", "csnp", "psnp", "decnet", "atalk",
        "aarp", "lat", "sca", "moprc", "mopdl", "stp", "ipx", "netbeui", "fddi", "tr", "wlan", "ppp", "slip",
        "radio", "carp", "igrp", "lane", "oam", "oamf4", "metac", "bcc", "sc", "ilmic", "connectmsg",
        "metaconnect", "vpi", "vci", "type", "subtype", "dir", "ra", "ta", "addr1", "addr2", "addr3",
        "addr4", "on", "ifname", "rnr", "rulenum", "reason", "rset", "srnr", "subrulenum", "action", "hdlc",
        "fisu", "lssu", "msu", "hfisu", "hlssu", "hmsu", "sio", "opc", "dpc", "sls", "hsio", "hopc", "hdpc", "hsls",
    ];

    private static readonly HashSet<string> ReservedWords =
    [
        "src", "dst", "proto", "mask", "broadcast", "multicast", "less", "greater", "vlan", "inbound",
        "outbound", "and", "or", "not",
    ];

    private readonly PrimitiveBuilder _builder = new(context);
    private int _position;
    private int _vlans;
    // The qualifiers a bare id after and/or takes; null after a term that had none (icmp, vlan…).
    private Qualifiers? _lastQualifiers;

    private FilterToken Peek(int ahead = 0) => tokens[Math.Min(_position + ahead, tokens.Count - 1)];

    private FilterToken Next() => tokens[_position++];

    private bool IsReserved(FilterToken token) =>
        token.Kind == FilterTokenKind.Word && (ReservedWords.Contains(token.Text) || ProtocolWords.ContainsKey(token.Text)
                                              || AddressWords.ContainsKey(token.Text));

    /// <summary>In-band tags a primitive must step over: in a live capture the first <c>vlan</c> tests the offloaded tag.</summary>
    private int Tags => context.Live ? Math.Max(0, _vlans - 1) : _vlans;

    public FilterNode ParseProgram()
    {
        if (Peek().Kind == FilterTokenKind.End) return new AcceptAll();
        var expression = ParseExpression();
        if (Peek().Kind != FilterTokenKind.End) throw Unexpected(Peek());
        return expression;
    }

    private FilterNode ParseExpression()
    {
        var left = ParseTerm();
        while (Peek().Kind is FilterTokenKind.And or FilterTokenKind.Or || Peek().IsWord("and") || Peek().IsWord("or"))
        {
            bool and = Next().Kind == FilterTokenKind.And || tokens[_position - 1].Text == "and";
            var right = ParseTermOrBareId();
            left = and ? new AndNode(left, right) : new OrNode(left, right);
        }
        return left;
    }

    private bool AtNot() => Peek().Kind == FilterTokenKind.Not || Peek().IsWord("not");

    private FilterNode ParseTerm()
    {
        if (AtNot())
        {
            Next();
            return new NotNode(ParseTerm());
        }
        return ParseRelationalTerm();
    }

    // After and/or: "not" binds as usual, and an id with no qualifiers of its own takes the last ones.
    private FilterNode ParseTermOrBareId()
    {
        int nots = 0;
        while (AtNot())
        {
            Next();
            nots++;
        }
        FilterNode node;
        if (IsBareId(Peek()))
        {
            if (_lastQualifiers is not { } qualifiers) throw FilterError.Syntax();
            node = ParseId(qualifiers);
        }
        else
        {
            node = ParseRelationalTerm();
        }
        for (int i = 0; i < nots; i++) node = new NotNode(node);
        return node;
    }

    private bool IsBareId(FilterToken token) => token.Kind == FilterTokenKind.Word && !IsReserved(token)
                                                && !UnmodelledWords.Contains(token.Text);

    // rterm: ( expr ) | a protocol name | qualifiers id | the other primitives.
    private FilterNode ParseRelationalTerm()
    {
        var token = Peek();
        switch (token.Kind)
        {
            case FilterTokenKind.LeftParen:
            {
                Next();
                var saved = _lastQualifiers;
                var inner = ParseExpression();
                Expect(FilterTokenKind.RightParen);
                _lastQualifiers ??= saved;
                return inner;
            }
            case FilterTokenKind.Word:
                break;
            default:
                throw Unexpected(token);
        }

        if (UnmodelledWords.Contains(token.Text)) throw FilterError.NotModelled($"'{token.Text}'");
        switch (token.Text)
        {
            case "less" or "greater":
            {
                Next();
                var length = ParseNumber(Next());
                _lastQualifiers = null;
                return new LengthTest(token.Text == "less", (int)Math.Min(length, int.MaxValue));
            }
            case "vlan":
                Next();
                _lastQualifiers = null;
                return ParseVlan();
            case "inbound" or "outbound":
                Next();
                _lastQualifiers = null;
                return _builder.Direction(token.Text == "outbound");
            case "broadcast" or "multicast":
                Next();
                _lastQualifiers = null;
                return _builder.BroadcastOrMulticast(ProtocolQualifier.Default, token.Text == "broadcast", Tags);
        }

        var protocol = ProtocolQualifier.Default;
        if (ProtocolWords.TryGetValue(token.Text, out var named))
        {
            Next();
            protocol = named;
            if (Peek().IsWord("broadcast") || Peek().IsWord("multicast"))
            {
                _lastQualifiers = null;
                return _builder.BroadcastOrMulticast(protocol, Next().Text == "broadcast", Tags);
            }
        }
        if (Peek().IsWord("proto"))
        {
            Next();
            return ParseQualifiedId(new Qualifiers(protocol, DirectionQualifier.Default, AddressQualifier.Proto));
        }
        var direction = ParseDirection();
        var address = AddressQualifier.Default;
        if (Peek().Kind == FilterTokenKind.Word && AddressWords.TryGetValue(Peek().Text, out var kind))
        {
            Next();
            address = kind;
        }
        if (direction == DirectionQualifier.Default && address == AddressQualifier.Default)
        {
            if (protocol == ProtocolQualifier.Default) throw Unexpected(Peek());
            _lastQualifiers = null;
            return _builder.ProtocolAbbreviation(protocol, Tags);
        }
        return ParseQualifiedId(new Qualifiers(protocol, direction, address));
    }

    private DirectionQualifier ParseDirection()
    {
        if (!(Peek().IsWord("src") || Peek().IsWord("dst"))) return DirectionQualifier.Default;
        bool source = Next().Text == "src";
        // "src or dst" and "src and dst" are one qualifier.
        var joiner = Peek();
        bool isOr = joiner.Kind == FilterTokenKind.Or || joiner.IsWord("or");
        bool isAnd = joiner.Kind == FilterTokenKind.And || joiner.IsWord("and");
        if ((isOr || isAnd) && Peek(1).IsWord(source ? "dst" : "src"))
        {
            Next();
            Next();
            return isOr ? DirectionQualifier.Either : DirectionQualifier.Both;
        }
        return source ? DirectionQualifier.Source : DirectionQualifier.Destination;
    }

    private FilterNode ParseQualifiedId(Qualifiers qualifiers)
    {
        _lastQualifiers = qualifiers;
        return ParseId(qualifiers);
    }

    // id: a name, number, address or address/len; "not id"; or a parenthesised list of ids sharing the qualifiers.
    private FilterNode ParseId(Qualifiers qualifiers)
    {
        if (AtNot())
        {
            Next();
            return new NotNode(ParseId(qualifiers));
        }
        if (Peek().Kind == FilterTokenKind.LeftParen)
        {
            Next();
            var left = ParseId(qualifiers);
            while (Peek().Kind is FilterTokenKind.And or FilterTokenKind.Or || Peek().IsWord("and") || Peek().IsWord("or"))
            {
                bool and = Next().Kind == FilterTokenKind.And || tokens[_position - 1].Text == "and";
                var right = ParseId(qualifiers);
                left = and ? new AndNode(left, right) : new OrNode(left, right);
            }
            Expect(FilterTokenKind.RightParen);
            return left;
        }
        var token = Next();
        if (token.Kind != FilterTokenKind.Word || IsReserved(token)) throw Unexpected(token);
        if (UnmodelledWords.Contains(token.Text)) throw FilterError.NotModelled($"'{token.Text}'");
        var text = token.Text;
        if (text.StartsWith('\\')) return _builder.Name(text[1..], qualifiers, Tags);
        if (PrimitiveBuilder.IsMacAddress(text)) return _builder.EtherAddress(text, qualifiers);
        if (PrimitiveBuilder.TryParseNumber(text, out uint number)) return _builder.Number(number, qualifiers, Tags);
        if (PrimitiveBuilder.IsDottedNumbers(text))
        {
            if (Peek().Kind == FilterTokenKind.Slash)
            {
                Next();
                var length = ParseNumber(Next());
                return _builder.Masked(text, null, length, qualifiers, Tags);
            }
            if (Peek().IsWord("mask"))
            {
                Next();
                var mask = Next();
                if (mask.Kind != FilterTokenKind.Word || !PrimitiveBuilder.IsDottedNumbers(mask.Text)) throw Unexpected(mask);
                return _builder.Masked(text, mask.Text, 0, qualifiers, Tags);
            }
            return _builder.Dotted(text, qualifiers, Tags);
        }
        if (text.Contains(':')) throw FilterError.NotModelled("an IPv6 address");
        return _builder.Name(text, qualifiers, Tags);
    }

    private FilterNode ParseVlan()
    {
        ushort? id = null;
        if (Peek().Kind == FilterTokenKind.Word && PrimitiveBuilder.TryParseNumber(Peek().Text, out uint number))
        {
            Next();
            if (number > 4095) throw new FilterError($"VLAN tag {number} greater than maximum 4095");
            id = (ushort)number;
        }
        var node = _builder.Vlan(id, Tags, offloaded: context.Live && _vlans == 0);
        _vlans++;
        return node;
    }

    private static uint ParseNumber(FilterToken token) =>
        token.Kind == FilterTokenKind.Word && PrimitiveBuilder.TryParseNumber(token.Text, out uint value)
            ? value
            : throw Unexpected(token);

    private void Expect(FilterTokenKind kind)
    {
        if (Peek().Kind != kind) throw Unexpected(Peek());
        Next();
    }

    // The packet-data and arithmetic forms (ip[0] & 0xf, len > 100) are valid pcap-filter the
    // model does not compile; anything else unexpected is libpcap's syntax error.
    private static FilterError Unexpected(FilterToken token) => token.Kind == FilterTokenKind.Other
        ? FilterError.NotModelled($"'{token.Text}' (packet data accessors, arithmetic and comparisons)")
        : FilterError.Syntax();
}
