#!/usr/bin/python3
"""Records which frames tcpdump's filters select, for filter-reference.txt.

Run as root next to generate.py:  ./generate_filters.py > filter-reference.txt
All Ethernet frames of generate.py's captures go into one savefile; each filter below is applied
with `tcpdump -r FILE -n -tt FILTER` in a throwaway namespace, and the indexes of the frames printed
(frame i is stamped BASE + i seconds) or tcpdump's error are recorded. A last set runs on the Linux cooked capture.
"""
import os, subprocess, tempfile
import generate as g

FILTERS = [
    "", "icmp", "arp", "rarp", "ip", "ip6", "tcp", "udp", "sctp", "igmp", "icmp6",
    "host 10.0.0.1", "host 10.0.0.9", "src host 10.0.0.1", "dst host 10.0.0.1", "src 10.0.0.254",
    "ip host 10.0.0.254", "arp host 10.0.0.2", "rarp host 0.0.0.0", "ip src 10.0.0.1", "ip dst 10.0.0.255",
    "src or dst host 10.0.0.254", "src and dst host 127.0.0.1", "host localhost", "host 127.0.0.1",
    "host 10.0.0", "host 10", "net 10.0.0.0/24", "net 10.0.0.0/30", "src net 10.0.0.0/30", "dst net 10.0.0.254/32",
    "net 10.0.0.0 mask 255.255.255.0", "net 10.0.0", "net 10", "net 127", "net loopback", "net 224.0.0.0/4",
    "port 53", "src port 53", "dst port 53", "udp port 53", "tcp port 53", "port domain", "port http",
    "tcp port http", "udp port domain", "port 9000", "tcp port 80 or 9000", "port 45678 and udp",
    "portrange 9000-9001", "tcp portrange 79-81", "portrange 81-79", "portrange domain-http", "portrange 1-2-3",
    "port 0x50", "port 0120",
    "ether host 7a:46:d8:44:e7:d9", "ether src 7a:46:d8:44:e7:d9", "ether dst da:e5:52:0f:85:c0",
    "ether dst host ff:ff:ff:ff:ff:ff", "ether host 7a46.d844.e7d9", "ether host 7a-46-d8-44-e7-d9",
    "ether src 00:00:0c:01:02:03", "ether proto 0x0806", "ether proto \\arp", "ether proto \\ip", "ether proto 0x88cc",
    "ether proto 70000", "ip proto 17", "ip proto \\icmp", "proto 1", "ip proto 300", "proto \\tcp",
    "broadcast", "ether broadcast", "multicast", "ether multicast", "ip multicast", "ip6 multicast",
    "less 50", "greater 100", "less 42", "greater 126",
    "vlan", "vlan 10", "vlan 20", "vlan and icmp", "vlan and arp", "vlan 20 and vlan 30", "vlan and vlan and arp",
    "not vlan", "vlan or icmp", "icmp or vlan",
    "host 10.0.0.1 or 10.0.0.2", "host 10.0.0.1 and not 10.0.0.2", "icmp or arp and host 10.0.0.9",
    "not icmp and not arp", "not (icmp or arp)", "! icmp && ! arp", "host 10.0.0.1 && !icmp",
    "host 10.0.0.1 || (udp && port 53)", "dst port 53 or src port 53", "tcp and (src port 9000 or dst port 9000)",
    "host (10.0.0.1 or 10.0.0.254)", "src port 45678 or dst host 10.0.0.2", "icmp and icmp",
    "not not icmp", "net 10.0.0.0/24 and port 53", "ip6 or arp", "ether host 7a:46:d8:44:e7:d9 and not arp",
    "( icmp )", "((udp))", "tcp[13] = 2", "icmp[icmptype] == icmp-echo", "len > 100", "ip[0] & 0xf != 5",
    "icmp and", "foo", "10.0.0.1", "localhost", "host", "()", "not", "and", "host 10.0.0.1 and",
    "host nosuchhost.invalid", "port 99999", "portrange 1-99999", "net 10.0.0.1/8", "net 10.0.0.0/33",
    "net 10/8", "net 10.0.0.0/8 mask 255.0.0.0", "host 10.0.0.1/24", "src 10.0.0.0/24", "host 10.0.0.0/24",
    "net 10.0.0.0 mask 255.0.255.0", "net 10.0.0.1 mask 255.255.255.0", "host 256.1.1.1",
    "port 1-5", "udp port 45678-45680", "port foo", "tcp host 10.0.0.2", "udp net 10.0.0.0/24",
    "icmp host 10.0.0.1", "arp port 80", "icmp port 80", "ether port 80", "ip port 80", "ether net 10.0.0.0/8",
    "ip6 host 10.0.0.1", "ether host 10.0.0.1", "host 7a:46:d8:44:e7:d9", "src host 7a:46:d8:44:e7:d9",
    "vlan 5000", "vlan abc", "ip broadcast", "arp broadcast", "tcp multicast", "udp port ssh", "tcp port domain",
    "ether proto \\foo", "ip proto \\foo", "net nosuchnet", "gateway foo", "gateway 10.0.0.1", "inbound", "outbound",
    "ether host foo", "ether", "link src 7a:46:d8:44:e7:d9", "src or dst port 53", "tcp src or dst port 80",
    "arp src 10.0.0.1", "arp dst 10.0.0.2", "rarp or arp", "less", "greater abc",
]

COOKED_FILTERS = ["icmp", "arp", "host 10.0.0.1", "port 5001", "inbound", "outbound", "less 48", "ether proto 0x0004",
                  "ether host 7a:46:d8:44:e7:d9", "broadcast", "multicast", "vlan", "ip multicast"]

def run(path, flt):
    out = subprocess.run(["ip", "netns", "exec", g.NETNS, "tcpdump", "-r", path, "-n", "-tt"] + ([flt] if flt else []),
                         capture_output=True, text=True, errors="surrogateescape")
    errors = [line for line in out.stderr.splitlines()
              if line.startswith("tcpdump:") and not line.startswith("tcpdump: data link")]
    if out.returncode != 0 and errors:
        return "error " + errors[-1][len("tcpdump: "):]
    # Frame i was stamped BASE + i seconds: the stamp says which frames were printed.
    numbers = [str(int(line.split(".")[0]) - g.BASE) for line in out.stdout.splitlines() if line[:1].isdigit()]
    return "match " + ",".join(numbers)

def emit(name, frames, linktype, filters):
    with tempfile.NamedTemporaryFile(suffix=".pcap", delete=False) as tmp:
        path = tmp.name
    g.write_pcap(path, frames, linktype)
    print(f"capture {name} linktype {linktype}")
    for frame in frames:
        data = frame if isinstance(frame, bytes) else g.raw(frame)
        print("frame " + data.hex())
    for flt in filters:
        print(f"filter {flt}")
        print(run(path, flt))
    os.unlink(path)

subprocess.run(["ip", "netns", "add", g.NETNS], check=True)
try:
    everything = [frame for frames in g.captures.values() for frame in frames]
    emit("all", everything, 1, FILTERS)
    emit("cooked", g.cooked, 276, COOKED_FILTERS)
finally:
    subprocess.run(["ip", "netns", "del", g.NETNS])
