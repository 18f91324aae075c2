#!/usr/bin/python3
"""Builds the frames of tcpdump-reference.txt and records what the real tcpdump prints for them.

Run as root on a machine with tcpdump 4.99 and python3-scapy:  ./generate.py > tcpdump-reference.txt
Each capture is written to a temporary pcap and read back with `tcpdump -r` under several flag
sets. tcpdump runs inside a throwaway network namespace: it has no route to any resolver, as the
model's machines have none (reverse lookups fail and tcpdump prints numbers), and only lo, so
the cooked captures' interface 1 is "lo" and interface 2 unknown ("?").
"""
import os, struct, subprocess, sys, tempfile
from scapy.all import (Ether, Dot1Q, Dot3, LLC, STP, ARP, IP, ICMP, UDP, TCP, DNS, DNSQR, DNSRR,
                       DNSRRSOA, DNSRRMX, DNSRRSRV, DNSRROPT, Raw, IPOption, IPv6, ICMPv6ND_RS, raw)

A = "7a:46:d8:44:e7:d9"
B = "da:e5:52:0f:85:c0"
BASE = 1699920000

def e(src=A, dst=B, **kw):
    return Ether(src=src, dst=dst, **kw)

def ip(src="10.0.0.1", dst="10.0.0.2", **kw):
    return IP(src=src, dst=dst, **kw)

captures = {}

# ---- ARP -------------------------------------------------------------------------------
captures["arp"] = [
    e(dst="ff:ff:ff:ff:ff:ff") / ARP(op=1, hwsrc=A, psrc="10.0.0.1", hwdst="00:00:00:00:00:00", pdst="10.0.0.2"),
    e(src=B, dst=A) / ARP(op=2, hwsrc=B, psrc="10.0.0.2", hwdst=A, pdst="10.0.0.1"),
    e(dst="ff:ff:ff:ff:ff:ff") / ARP(op=1, hwsrc=A, psrc="10.0.0.1", hwdst="00:00:00:00:00:00", pdst="10.0.0.2") / Raw(bytes(18)),
    e() / ARP(op=1, hwsrc=A, psrc="10.0.0.1", hwdst=B, pdst="10.0.0.2"),
    e() / ARP(op=3, hwsrc=A, psrc="10.0.0.1", hwdst=B, pdst="10.0.0.2"),
    e() / ARP(op=4, hwsrc=A, psrc="10.0.0.1", hwdst=B, pdst="10.0.0.2"),
    e() / ARP(op=7, hwsrc=A, psrc="10.0.0.1", hwdst=B, pdst="10.0.0.2"),
    e() / ARP(op=1, hwtype=6, hwsrc=A, psrc="10.0.0.1", hwdst=B, pdst="10.0.0.2"),
    e() / ARP(op=1, ptype=0x86dd, plen=4, hwsrc=A, psrc="10.0.0.1", hwdst=B, pdst="10.0.0.2"),
    e(type=0x0806) / Raw(b"\x00\x01\x08\x00\x06\x04\x00\x01"),
    e(type=0x0806) / Raw(b"\x00\x01\x08"),
    e(type=0x8035) / ARP(op=3, hwsrc=A, psrc="0.0.0.0", hwdst=A, pdst="0.0.0.0"),
    e(src="00:00:0c:01:02:03", dst="08:00:09:aa:bb:cc") / ARP(op=2, hwsrc="00:90:69:01:02:03", psrc="127.0.0.1", hwdst=A, pdst="10.0.0.1"),
]

# ---- ICMP ------------------------------------------------------------------------------
orig_icmp = raw(ip(dst="10.0.0.9", flags="DF") / ICMP(type=8, id=7, seq=1) / Raw(bytes(56)))
orig_udp = raw(ip() / UDP(sport=45678, dport=9000) / Raw(b"hello\n"))
orig_dns = raw(ip() / UDP(sport=45678, dport=53) / DNS(id=7, rd=1, qd=DNSQR(qname="example.com")))
orig_tcp = raw(ip(dst="10.0.0.9") / TCP(sport=40000, dport=80, flags="S", seq=1000, window=64240, options=[("MSS", 1460)]))
icmp = [
    e() / ip(id=0x1234, flags="DF") / ICMP(type=8, id=60162, seq=15) / Raw(bytes(56)),
    e(src=B, dst=A) / ip("10.0.0.2", "10.0.0.1", id=0) / ICMP(type=0, id=60162, seq=15) / Raw(bytes(56)),
    e() / ip() / ICMP(type=8, id=1, seq=1),
    e() / ip(chksum=0x1234) / ICMP(type=8, id=1, seq=1),
    e() / ip() / ICMP(type=8, id=1, seq=1, chksum=0x1234) / Raw(b"abcd"),
]
for code in range(0, 17):
    icmp.append(e(src=B, dst=A) / ip("10.0.0.2", "10.0.0.1", tos=0xc0) / ICMP(type=3, code=code) / orig_icmp[:28 + 64])
icmp += [
    e(src=B, dst=A) / ip("10.0.0.2", "10.0.0.1", tos=0xc0) / ICMP(type=3, code=3) / orig_udp,
    e(src=B, dst=A) / ip("10.0.0.2", "10.0.0.1", tos=0xc0) / ICMP(type=3, code=3) / orig_dns,
    e(src=B, dst=A) / ip("10.0.0.2", "10.0.0.1", tos=0xc0) / ICMP(type=3, code=3) / orig_tcp,
    e(src=B, dst=A) / ip("10.0.0.2", "10.0.0.1") / ICMP(type=3, code=3) / raw(ip(dst="10.0.0.9", proto=132) / Raw(b"\x00\x01\x00\x02" + bytes(8))),
    e(src=B, dst=A) / ip("10.0.0.2", "10.0.0.1") / ICMP(type=3, code=4, nexthopmtu=1400) / orig_icmp[:28],
    e(src=B, dst=A) / ip("10.0.0.2", "10.0.0.1") / ICMP(type=3, code=4) / orig_icmp[:28],
    e(src=B, dst=A) / ip("10.0.0.2", "10.0.0.1") / ICMP(type=3, code=3) / orig_udp[:20],
    e(src=B, dst=A) / ip("10.0.0.2", "10.0.0.1") / ICMP(type=3, code=1) / orig_udp[:10],
    e(src=B, dst=A) / ip("10.0.0.2", "10.0.0.1") / ICMP(type=11, code=0) / orig_icmp[:10],
]
for t in [4, 10, 13, 15, 16, 17, 18, 19, 30, 44]:
    icmp.append(e(src=B, dst=A) / ip("10.0.0.2", "10.0.0.1") / ICMP(type=t, code=0) / orig_udp)
for code in range(0, 5):
    icmp.append(e(src=B, dst=A) / ip("10.0.0.254", "10.0.0.1") / ICMP(type=5, code=code, gw="10.0.0.3") / orig_icmp[:28])
for code in range(0, 3):
    icmp.append(e(src=B, dst=A) / ip("10.0.0.254", "10.0.0.1", tos=0xc0) / ICMP(type=11, code=code) / orig_icmp[:28 + 64])
for code in range(0, 3):
    icmp.append(e(src=B, dst=A) / ip("10.0.0.254", "10.0.0.1") / ICMP(type=12, code=code, ptr=1) / orig_icmp[:28])
icmp += [
    e() / ip(proto=1) / Raw(b"\x08\x00"),
    e() / ip(len=200) / ICMP(type=8, id=1, seq=1) / Raw(bytes(8)),
    e() / ip(flags="MF", frag=0, proto=1) / Raw(b"\x08\x00\x00\x00\x00\x01\x00\x01" + bytes(16)),
    e() / ip(frag=3, proto=1) / Raw(bytes(16)),
    e() / ip(src="127.0.0.1") / ICMP(type=8, id=2, seq=3),
]
captures["icmp"] = icmp

# ---- IPv4 header corners ---------------------------------------------------------------
captures["ipv4"] = [
    e() / ip(flags="DF+MF", tos=3) / ICMP() / Raw(b"x" * 16),
    e() / ip(flags=4, tos=1, ttl=0) / ICMP(),
    e() / ip(tos=2) / ICMP(),
    e() / ip(options=[IPOption(b"\x01\x01\x00\x00")]) / ICMP(),
    e() / ip(options=[IPOption(b"\x00\x00\x00\x00")]) / ICMP(),
    e() / ip(len=10) / ICMP(),
    e() / ip(version=6) / ICMP(),
    e() / ip(version=0) / ICMP(),
    e(type=0x0800) / Raw(b"\x45\x00\x00"),
    e(type=0x0800) / Raw(b"\x43" + bytes(30)),
    e() / ip(frag=100, proto=17) / Raw(b"x" * 8),
    e() / ip(frag=100, proto=253) / Raw(b"x" * 8),
    e() / ip(proto=253) / Raw(b"abcd"),
    e() / ip(proto=0) / Raw(b"abcd"),
    e() / ip(proto=47) / Raw(bytes(8)),
    e() / ip(proto=2) / Raw(b"\x11\x00\xee\xff\x00\x00\x00\x00"),
    e(dst="ff:ff:ff:ff:ff:ff") / ip(dst="10.0.0.255") / ICMP(),
]

# ---- UDP and DNS -----------------------------------------------------------------------
def dns(sport, dport, msg, src="10.0.0.1", dst="10.0.0.2"):
    return e() / ip(src, dst) / UDP(sport=sport, dport=dport) / msg

answer = DNS(id=12345, qr=1, rd=1, ra=1, qd=DNSQR(qname="www.baidu.com", qtype="A"),
             an=DNSRR(rrname="www.baidu.com", type="CNAME", rdata="www.a.shifen.com", ttl=300)
             / DNSRR(rrname="www.a.shifen.com", type="A", rdata="14.119.104.254", ttl=300))
udp = [
    e() / ip(flags="DF", id=0xbeef) / UDP(sport=45678, dport=9000) / Raw(b"hello\n"),
    e() / ip() / UDP(sport=1234, dport=5678, chksum=0x1234) / Raw(b"x"),
    e() / ip() / UDP(sport=1234, dport=5678, chksum=0) / Raw(b"x"),
    e() / ip() / UDP(sport=1234, dport=5678, len=100) / Raw(b"x"),
    e() / ip() / UDP(sport=1234, dport=5678, len=4) / Raw(b"x"),
    e() / ip(proto=17) / Raw(b"\x00\x50"),
    e() / ip(proto=17) / Raw(b"\x00\x50\x00\x51\x00"),
    e() / ip() / UDP(sport=40001, dport=123) / Raw(b"\x23" + bytes(47)),
    e() / ip() / UDP(sport=68, dport=67) / Raw(bytes(10)),
    e() / ip() / UDP(sport=40001, dport=4789) / Raw(bytes(8)),
    e() / ip() / UDP(sport=40001, dport=53) / Raw(b"abcde"),
    dns(45678, 53, DNS(id=12345, rd=1, qd=DNSQR(qname="www.baidu.com", qtype="A"))),
    dns(53, 45678, answer, "10.0.0.2", "10.0.0.1"),
    dns(53, 45678, DNS(id=4321, qr=1, rd=1, ra=1, rcode=3, qd=DNSQR(qname="nope.example")), "10.0.0.2", "10.0.0.1"),
    dns(45679, 53, DNS(id=2, rd=1, qd=DNSQR(qname="www.baidu.com", qtype="AAAA"))),
    dns(45679, 53, DNS(id=3, rd=0, cd=1, qd=DNSQR(qname="example.com", qtype="MX", qclass=3))),
    dns(45679, 53, DNS(id=4, rd=1, qd=DNSQR(qname="example.com", qtype="ANY"), ar=DNSRROPT(rclass=1232))),
    dns(45679, 53, DNS(id=5, opcode=4, aa=1, qd=DNSQR(qname="example.com", qtype="SOA"))),
    dns(45679, 53, DNS(id=6, qdcount=0, qd=None)),
    dns(45679, 53, DNS(id=7, rd=1, qd=DNSQR(qname="a.example.com") / DNSQR(qname="b.example.com"))),
    dns(53, 45679, DNS(id=8, qr=1, aa=1, ra=0, tc=1, rcode=2, qd=DNSQR(qname="example.com", qtype="MX"),
                       an=DNSRRMX(rrname="example.com", preference=10, exchange="mail.example.com"),
                       ns=DNSRR(rrname="example.com", type="NS", rdata="ns1.example.com"),
                       ar=DNSRR(rrname="mail.example.com", type="A", rdata="192.0.2.25")), "10.0.0.2", "10.0.0.1"),
    dns(53, 45679, DNS(id=9, qr=1, ra=1, qd=DNSQR(qname="example.com", qtype="SOA"),
                       an=DNSRRSOA(rrname="example.com", mname="ns1.example.com", rname="hostmaster.example.com",
                                   serial=2023111401, refresh=7200, retry=3600, expire=1209600, minimum=300)), "10.0.0.2", "10.0.0.1"),
    dns(53, 45679, DNS(id=10, qr=1, ra=1, qd=DNSQR(qname="example.com", qtype="TXT"),
                       an=DNSRR(rrname="example.com", type="TXT", rdata=[b"v=spf1 -all", b"x\x01y"])), "10.0.0.2", "10.0.0.1"),
    dns(53, 45679, DNS(id=11, qr=1, ra=1, qd=DNSQR(qname="_sip._udp.example.com", qtype="SRV"),
                       an=DNSRRSRV(rrname="_sip._udp.example.com", priority=10, weight=5, port=5060, target="sip.example.com")), "10.0.0.2", "10.0.0.1"),
    dns(53, 45679, DNS(id=12, qr=1, ra=1, qd=DNSQR(qname="www.example.com", qtype="AAAA"),
                       an=DNSRR(rrname="www.example.com", type="AAAA", rdata="2001:db8::1")), "10.0.0.2", "10.0.0.1"),
    dns(53, 45679, DNS(id=13, qr=1, ra=1, qd=DNSQR(qname="1.0.0.10.in-addr.arpa", qtype="PTR"),
                       an=DNSRR(rrname="1.0.0.10.in-addr.arpa", type="PTR", rdata="host.example.com")), "10.0.0.2", "10.0.0.1"),
    dns(53, 45679, DNS(id=14, qr=1, ra=1, rcode=5, qd=DNSQR(qname="example.com"), ar=DNSRROPT(rclass=1232, z=0x8000)), "10.0.0.2", "10.0.0.1"),
    dns(53, 45679, DNS(id=15, qr=1, ra=1, qd=DNSQR(qname="."), an=DNSRR(rrname=".", type="NS", rdata="a.root-servers.net")), "10.0.0.2", "10.0.0.1"),
    dns(53, 45679, DNS(id=16, qr=1, ra=1, ad=1, rcode=4, qd=DNSQR(qname="example.com")), "10.0.0.2", "10.0.0.1"),
    e() / ip("10.0.0.2", "10.0.0.1") / UDP(sport=53, dport=45679) / Raw(bytes.fromhex("00118180000100010000000003777777076578616d706c6503636f6d0000010001c0ff000100010000012c00040a000001")),
    e() / ip("10.0.0.2", "10.0.0.1") / UDP(sport=53, dport=45679) / Raw(bytes.fromhex("0012818000010001000000000377777707657861")),
    e() / ip("10.0.0.2", "10.0.0.1") / UDP(sport=53, dport=45679) / Raw(bytes.fromhex("00138180000100000000000003e2ff01076578616d706c6503636f6d0000010001")),
    e() / ip("10.0.0.2", "10.0.0.1") / UDP(sport=53, dport=45679) / Raw(bytes.fromhex("0014f980000100000000000007") + b"example" + bytes.fromhex("0000010001")),
    e() / ip("10.0.0.2", "10.0.0.1") / UDP(sport=53, dport=45679) / Raw(bytes.fromhex("0015818f0001000000000000000001000100")),
]
captures["udp"] = udp

# ---- TCP -------------------------------------------------------------------------------
opts = [("MSS", 1460), ("SAckOK", b""), ("Timestamp", (1000, 0)), ("NOP", None), ("WScale", 7)]
t = lambda src="10.0.0.1", dst="10.0.0.2", **kw: e() / ip(src, dst, flags="DF") / TCP(**kw)
captures["tcp"] = [
    t(sport=45678, dport=9000, flags="S", seq=123456789, window=64240, options=opts),
    t("10.0.0.2", "10.0.0.1", sport=9000, dport=45678, flags="SA", seq=987654321, ack=123456790, window=65160,
      options=[("MSS", 1460), ("SAckOK", b""), ("Timestamp", (2000, 1000)), ("NOP", None), ("WScale", 7)]),
    t(sport=45678, dport=9000, flags="A", seq=123456790, ack=987654322, window=502, options=[("NOP", None), ("NOP", None), ("Timestamp", (1001, 2000))]),
    t(sport=45678, dport=9000, flags="PA", seq=123456790, ack=987654322, window=502, options=[("NOP", None), ("NOP", None), ("Timestamp", (1002, 2000))]) / Raw(b"hello\n"),
    t("10.0.0.2", "10.0.0.1", sport=9000, dport=45678, flags="A", seq=987654322, ack=123456796, window=509, options=[("NOP", None), ("NOP", None), ("Timestamp", (2001, 1002))]),
    t("10.0.0.2", "10.0.0.1", sport=9000, dport=45678, flags="A", seq=987654322, ack=123456796, window=509, options=[("SAck", (123456800, 123456810)), ("NOP", None), ("NOP", None)]),
    t(sport=45678, dport=9000, flags="FA", seq=123456796, ack=987654322, window=502),
    t("10.0.0.2", "10.0.0.1", sport=9000, dport=45678, flags="RA", seq=987654322, ack=123456797, window=0),
    t(sport=40000, dport=80, flags="S", seq=5, window=64240, options=opts),
    t("10.0.0.2", "10.0.0.1", sport=80, dport=40000, flags="RA", seq=0, ack=6, window=0),
    t(sport=1234, dport=5678, flags="SEC", seq=1, window=100),
    t(sport=1234, dport=5678, flags="UA", seq=1, ack=2, urgptr=5, window=100) / Raw(b"abc"),
    t(sport=1234, dport=5678, flags="A", seq=1, ack=2, window=100, options=[("SAck", (100, 200, 300, 400)), ("NOP", None), ("NOP", None)]),
    t(sport=1234, dport=5678, flags="A", seq=1, ack=2, window=100, options=[(99, b"\x01\x02"), ("EOL", None)]),
    t(sport=1234, dport=5678, flags="A", seq=1, ack=2, window=100, options=[("MSS", 1460)]),
    t(sport=1234, dport=5678, flags="", seq=1, window=100),
    t(sport=1234, dport=5678, flags="FSRPAUEC", seq=1, ack=9, window=100),
    t(sport=1234, dport=5678, flags="R", seq=7, window=0),
    t(sport=1234, dport=5678, flags="PA", seq=1, ack=2, window=100) / Raw(b"hello\n"),
    t(sport=40000, dport=80, flags="PA", seq=1, ack=1, window=100) / Raw(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"),
    t("10.0.0.2", "10.0.0.1", sport=80, dport=40000, flags="PA", seq=1, ack=27, window=100) / Raw(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"),
    t("10.0.0.2", "10.0.0.1", sport=80, dport=40000, flags="PA", seq=50, ack=27, window=100) / Raw(b"hello\n"),
    t(sport=40001, dport=8080, flags="PA", seq=1, ack=1, window=100) / Raw(b"GET /x HTTP/1.0\r\n\r\n"),
    t(sport=40001, dport=80, flags="PA", seq=1, ack=1, window=100) / Raw(b"GET /partial"),
    t(sport=40001, dport=80, flags="PA", seq=1, ack=1, window=100) / Raw(b"\x00\x01binary"),
    t(sport=22, dport=40001, flags="PA", seq=1, ack=1, window=100) / Raw(b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"),
    t(sport=22, dport=40001, flags="PA", seq=1, ack=1, window=100) / Raw(b"\x00\x00\x01\x0c\x0a\x14"),
    t(sport=40001, dport=23, flags="PA", seq=1, ack=1, window=100) / Raw(b"hello\r\n"),
    t(sport=1234, dport=5678, flags="S", seq=1, window=100, chksum=0x1234),
    t(sport=1234, dport=5678, flags="A", dataofs=3, seq=1, ack=2, window=100),
    t(sport=1234, dport=5678, flags="A", seq=1, ack=2, window=100, options=[(2, b"\x05")]),
    t(sport=1234, dport=5678, flags="A", seq=1, ack=2, window=100, options=[("NOP", None), (2, b"\x05\xb4\x00")]),
    e() / ip() / Raw(b"\x00\x50\x00\x51"),
    e() / ip(proto=6) / Raw(b"\x00\x50\x00\x51"),
    e() / ip(proto=6) / Raw(b"\x00\x50"),
]

# ---- link layer ------------------------------------------------------------------------
G = "01:80:c2:00:00:00"
def bpdu(body):
    return Dot3(src=A, dst=G, len=3 + len(body)) / Raw(b"\x42\x42\x03" + body)
def cfg(flags, root=b"\x80\x00" + bytes.fromhex("7a46d844e7d9"), cost=0, port=0x8001, age=0):
    return (b"\x00\x00\x00\x00" + bytes([flags]) + root + struct.pack(">I", cost) + b"\x80\x00" + bytes.fromhex("7a46d844e7d9")
            + struct.pack(">HHHHH", port, age, 20 * 256, 2 * 256, 15 * 256))
captures["link"] = [
    e() / Dot1Q(vlan=10) / ip() / ICMP(type=8, id=1, seq=1) / Raw(bytes(56)),
    e() / Dot1Q(vlan=20, prio=5, id=1) / Dot1Q(vlan=30) / ARP(op=1, hwsrc=A, psrc="10.0.0.1", pdst="10.0.0.2"),
    e(type=0x88a8) / Dot1Q(vlan=100) / ip() / ICMP(),
    e(type=0x88b5) / Raw(b"\x01\x02" * 23),
    e(type=0x0600) / Raw(b"\x01\x02" * 23),
    e(type=0x6558) / Raw(bytes(20)),
    e(dst="33:33:00:00:00:02") / IPv6(src="fe80::1", dst="ff02::2") / ICMPv6ND_RS(),
    e(type=0x88cc) / Raw(bytes(46)),
    bpdu(cfg(0)),
    bpdu(cfg(1)),
    bpdu(cfg(0x81, root=b"\x10\x00" + bytes.fromhex("020000000001"), cost=100, age=256)),
    bpdu(b"\x00\x00\x00\x80"),
    bpdu(cfg(0)[:20]),
    Raw(bytes.fromhex("7a46d844e7d9dae5520f85")),
    e(src="00:00:00:00:00:00", dst="00:00:00:00:00:00") / ip("127.0.0.1", "127.0.0.1") / ICMP(),
]

# ---- Linux cooked v2 (the any device), captured here with ifindex 1 (lo) and 2 -------------
def sll2(ptype, ifindex, mac, proto, payload):
    return (struct.pack(">HHIHBB", proto, 0, ifindex, 1, ptype, 6) + bytes.fromhex(mac.replace(":", "")) + bytes(2) + raw(payload))
cooked = [
    sll2(4, 2, A, 0x0800, ip() / ICMP(type=8, id=1, seq=1) / Raw(bytes(56))),
    sll2(0, 2, B, 0x0800, ip("10.0.0.2", "10.0.0.1") / ICMP(type=0, id=1, seq=1) / Raw(bytes(56))),
    sll2(1, 2, B, 0x0806, ARP(op=1, hwsrc=B, psrc="10.0.0.2", pdst="10.0.0.1")),
    sll2(2, 2, A, 0x0800, ip(dst="224.0.0.1") / UDP(sport=5000, dport=5001) / Raw(b"x")),
    sll2(3, 2, B, 0x0800, ip("10.0.0.2", "10.0.0.77") / ICMP()),
    sll2(0, 1, "00:00:00:00:00:00", 0x0800, ip("127.0.0.1", "127.0.0.1") / ICMP()),
    sll2(0, 2, A, 0x0004, Raw(b"\x42\x42\x03" + cfg(0))),
    sll2(0, 2, A, 0x88b5, Raw(b"\x01\x02" * 4)),
]

def write_pcap(path, frames, linktype):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, linktype))
        for i, frame in enumerate(frames):
            data = frame if isinstance(frame, bytes) else raw(frame)
            f.write(struct.pack("<IIII", BASE + i, 123, len(data), len(data)))
            f.write(data)

FLAG_SETS = ["-n", "-n -e", "-n -v", "-n -vv", "-n -q", "-n -q -e", "-n -x", "-n -X", "-n -XX", "-n -A", "-n -S", "-n -K -v", "", "-e"]
NETNS = "tcpdumpref%d" % os.getpid()

def tcpdump(path, flags):
    argv = ["ip", "netns", "exec", NETNS, "tcpdump", "-t", "-r", path] + flags.split()
    out = subprocess.run(argv, capture_output=True, text=True, errors="surrogateescape")
    return out.stdout

def emit(name, frames, linktype):
    with tempfile.NamedTemporaryFile(suffix=".pcap", delete=False) as tmp:
        path = tmp.name
    write_pcap(path, frames, linktype)
    print(f"capture {name} linktype {linktype}")
    for frame in frames:
        data = frame if isinstance(frame, bytes) else raw(frame)
        print("frame " + data.hex())
    for flags in FLAG_SETS:
        print(f"tcpdump {flags}".rstrip())
        sys.stdout.write(tcpdump(path, flags))
        print("@@end")
    os.unlink(path)

if __name__ == "__main__":
    subprocess.run(["ip", "netns", "add", NETNS], check=True)
    try:
        for name, frames in captures.items():
            emit(name, frames, 1)
        emit("cooked", cooked, 276)
    finally:
        subprocess.run(["ip", "netns", "del", NETNS])
