namespace Simulator.Cli.Tests.Shell;

/// <summary>
/// Runs each snippet in the real /bin/bash and in the interpreter and requires the same
/// interleaved output (traces and errors included) and exit status. Snippets use only builtins
/// and the utilities the shell carries; none touches the network or the machine.
/// </summary>
public class BashDifferentialTests
{
    private static readonly string[] Snippets =
    [
        // quoting and trace quoting
        "set -x\necho \"a b\" 'c' \"\" x=y '[' ']' \"it's\" 'a\"b' '$x' '*' '~' 'a=~' a# '#a' '{' 'a}' '!' '^' % @ + -\n",
        "set -x\necho $'a\\tb' $'x\\ny' \"tab\there\"\n",
        "set -x\nx='multi\nline'\necho \"$x\"\n",
        "echo 'single \"dq\" $x' \"dq 'sq' \\$x \\\" \\\\ \\a\" a\\ b \\'\n",
        "echo $'\\x41\\101\\n-\\'q\\''\n",
        // expansion
        "x=5\necho $x ${x} \"$x\" '$x' ${#x} $((x+2)) $(( $x * 3 )) $((x/2)) $((x%3)) $((-x)) $((2**10))\n",
        "a=\"  lead  trail  \"\necho [$a] \"[$a]\"\ne=\"\"\nprintf '<%s>' $e \"\" x$e \"$e\"y; echo\n",
        "set -- \"a b\" c \"\"\necho $#\nfor x in \"$@\"; do echo \"<$x>\"; done\nfor x in $@; do echo \"[$x]\"; done\nfor x in \"$*\"; do echo \"{$x}\"; done\n",
        "set --\nfor x in \"$@\"; do echo never; done\necho \"[$@]\" \"[$*]\" $#\n",
        "echo ${u:-def} \"${u:-a b}\" ${u-x} ${u:+alt} ${u:=set} $u ${u:+alt} ${u+alt2}\n",
        "e=\nprintf '[%s]' ${e:-d1} ${e-d2} ${e:+a1} ${e+a2}; echo\n",
        "set -- ${u:-a b c}; echo $#\nset -- \"${u:-a b c}\"; echo $#\n",
        "p=/usr/local/lib/file.tar.gz\necho ${p#*/} ${p##*/} ${p%.*} ${p%%.*} ${p/l/L} ${p//l/L} ${p/#\\/usr/X} ${p/%gz/bz2}\n",
        "s=abcdef\necho ${s:2} ${s:1:3} ${s: -2} ${s:0:-1} ${#s}\n",
        "v=$(echo a; echo; echo)\necho \"[$v]\"\nw=`echo back \\`echo nested\\``\necho $w\n",
        "echo \"$(echo \"inner \\\"q\\\"\")\" $(echo $(echo deep))\n",
        "x=1\necho \"${x}${x}\" \"$x$x\"${x}\n",
        "echo ~ ~/a \"~\" a~ ~root x=~/y\nv=~/z\necho $v\n",
        "IFS=:\nv=a:b::c\nfor f in $v; do echo \"[$f]\"; done\nIFS=' '\n",
        "x='a   b'\ny=$x\necho \"$y\"\n",
        "x=abc\nx+=def\necho $x\n",
        "echo $((1 + 2 * 3)) $(( (1+2)*3 )) $((7 / 2)) $((1 < 2)) $((3 == 3 && 0)) $((0 || 5)) $((x = 4)) $x\n",
        "i=0\nwhile [ $i -lt 3 ]; do echo $i; i=$((i+1)); done\n",
        "i=0\n((i++))\necho $i $?\n((i--)) || echo zero\nlet i+=5; echo $i\n",
        "echo $((1/0)); echo same\necho next $?\n",
        "echo $(( 1 + ))\necho n\n",
        // commands, status, lists
        "true; echo $?\nfalse; echo $?\n! true; echo $?\n! false; echo $?\n",
        "true && echo a || echo b\nfalse && echo c || echo d\nfalse || false && echo e\necho $?\n",
        "nosuch\necho $?\nnosuch 2>/dev/null\necho $?\n",
        "x=1 y\necho $?\n",
        // functions
        "f() { echo \"f: $# $1 $2\"; return 7; }\nf a \"b c\"\necho $?\nfunction g { echo g; }\ng\nfunction h() {\n  echo h\n}\nh\n",
        "f() { local x=inner; echo $x; }\nx=outer\nf\necho $x\n",
        "f() { x=changed; }\nx=orig\nf\necho $x\n",
        "f() { return; }\nfalse; f; echo $?\n",
        "f() { echo $1; shift; echo $1 $#; }\nf a b c\n",
        "f() { echo $FOO; }\nFOO=temp f\necho \"[$FOO]\"\n",
        "f() { echo in; }\nunset f\nf\necho $?\n",
        "set -x\nf() { g; }\ng() { echo deep; }\nf\n",
        // control flow
        "if true; then echo yes; fi\nif false; then echo no; elif true; then echo elif; else echo else; fi\nif false; then :; fi; echo $?\n",
        "for i in 1 2 3; do\n  if [ $i = 2 ]; then continue; fi\n  echo $i\ndone\n",
        "for i in 1 2 3; do for j in a b; do [ $j = b ] && break 2; echo $i$j; done; done; echo end\n",
        "n=0\nuntil [ $n -ge 2 ]; do echo $n; n=$((n+1)); done\n",
        "break\necho $?\ncontinue\n",
        "set -x\nfor i in 1; do\n  break 2\ndone\nbreak\necho $?\n",
        "{ echo a; echo b; } | while read line; do echo \"got $line\"; done\n",
        "x=outer\n(x=inner; echo $x)\necho $x\n(exit 3); echo $?\n",
        "echo x | read v\necho \"[$v]\"\n",
        // test and [[
        "[ -z \"\" ] && echo z\n[ -n x ] && echo n\n[ a = a ] && echo eq\n[ a != b ] && echo ne\n[ 1 -lt 2 ] && echo lt\n[ 3 -ge 3 ] && echo ge\n[ ! -z x ] && echo not\n[ -n x -a -z \"\" ] && echo and\n[ -z x -o 1 -eq 1 ] && echo or\n",
        "[ -n ] && echo one-arg\n[ ] || echo empty\n[ x ] && echo str\ntest ! && echo bang\n",
        "[ a -eq 1 ]\necho $?\n[ 1 -eq 1\necho $?\n[ a b ]\necho $?\n",
        "[ -d /tmp ] && echo d\n[ -f /tmp ] || echo notf\n[ -e /nonexistent ] || echo none\n",
        "set -x\n[[ -n x && a == a ]]\n[[ abc == a* ]] && echo glob\n[[ abc == \"a*\" ]] || echo quoted\n[[ 5 -gt 3 ]] && echo num\n[[ abc =~ ^a.c$ ]] && echo re\n[[ ! -z x ]] && echo neg\n[[ \"a b\" == \"a b\" ]]\n[[ x =~ ^(a|x)$ ]]\n[[ -z \"\" ]]\n[[ \"a b\" ]]\n[[ -z x || x == x ]] && echo or\n",
        // builtins
        "echo -n a; echo b\necho -e 'x\\ty'\necho -ne 'p\\n'\necho -E 'q\\n'\necho -- -n\necho -x\necho -e 'stop\\cafter'\necho\n",
        "printf '%s-%d\\n' a 1 b 2\nprintf '%5s|%-5s|%05d|%x|%o|%c\\n' ab cd 42 255 8 xyz\nprintf 'no newline'\nprintf '\\n%%\\n'\nprintf '%s\\n'\nprintf '%d\\n' abc\necho $?\n",
        "printf '%b\\n' 'a\\tb'\nprintf '%.2s\\n' abcdef\nprintf '[%3d]\\n' 5 -5\n",
        "export A=1\nexport B\nB=2\nexport 1a=b\necho $?\nunset A\necho \"[$A]\"\n",
        "readonly r=1\nr=2\necho $?\nunset r\necho $?\n",
        "local q=1\necho $?\nreturn 5\necho $?\n",
        "set -- a b c\nshift\necho $@\nshift 5\necho $?\n",
        "set -q\necho $?\n",
        "eval 'echo a; echo b'\nx='echo evald'\neval $x\n",
        "set -x\neval \"echo a; echo b\"\nx=$(eval \"echo q\")\n",
        "cd /nonexistent\necho $?\ncd /tmp && pwd\ncd /; cd - >/dev/null; pwd\n",
        "printf 'l1\\nl2 two\\nl3\\n' | while read a b; do echo \"<$a><$b>\"; done\n",
        "read x <<EOF\nhello world\nEOF\necho $x\nread -r a b <<< 'one two three'\necho \"$a|$b\"\n",
        "exit 3\necho no\n",
        "(exit 4)\necho $?\nexit\n",
        "exit abc\n",
        // redirections and here-documents
        "echo out >/dev/null\necho err >&2 2>/dev/null\n{ echo a; echo b >&2; } 2>&1 | cat\necho x 2>&1 >/dev/null\n",
        "cat <<EOF\nval=$((1+1)) $HOME\nEOF\ncat <<'EOF'\nval=$((1+1)) $HOME\nEOF\ncat <<-EOF\n\tindented\n\tEOF\n",
        "x=v\ncat <<EOF | cat\n\"$x\" '$x' \\$x \\\\ \\a\nEOF\n",
        "cat <<A; cat <<B\nfirst\nA\nsecond\nB\n",
        "echo x > /nonexist/x\necho $?\n",
        "echo one > /dev/null; echo two >> /dev/null\ncat < /nonexistent\necho $?\n",
        "cat <<EOF\nabc\n",
        // syntax errors and line numbers
        "echo a\nfi\necho b\n",
        "echo a\nif true; then\necho b\n",
        "echo \"abc\n",
        "echo a )\n",
        "echo a;;\n",
        "foo1 \\\n a \\\n b\nfoo2\nfoo3 \\\n  x\n",
        "foo1 \"a\nb\" ; foo2\nfoo3 <<EOF\nx\nEOF\nif true; then foo5\nfi\n",
        "f() {\n  nosuch\n}\nf\necho $LINENO\n",
        "v=1 f2() { :; }\n",
        "echo ${x\n",
        // set -e / -u
        "set -e\nfalse || true\nif false; then :; fi\nfalse && true\n! true\necho survived\nfalse\necho never\n",
        "set -e\nf() { false; echo after; }\nf || echo handled\nf\necho never\n",
        "set -u\necho ${nope:-ok}\necho $nope\necho next\n",
        "echo ${x:?}; echo same\necho next\n",
        "echo ${x:?custom msg}\n",
        "set -o pipefail\nfalse | true\necho $?\nset +o pipefail\nfalse | true\necho $?\n",
        // utilities
        "printf 'b\\na\\nc\\na\\n' | sort\nprintf 'b\\na\\nc\\na\\n' | sort -u\nprintf '10\\n9\\n100\\n' | sort -n\nprintf '1\\n2\\n' | sort -r\n",
        "printf 'a\\nb\\nc\\nd\\n' | head -n 2\nprintf 'a\\nb\\nc\\nd\\n' | tail -n 2\nprintf 'a\\nb\\nc\\n' | head -1\nprintf 'a\\nb\\nc\\n' | tail -n +2\n",
        "printf 'a b\\nc\\n' | wc -l\nprintf 'a b\\nc\\n' | wc -w\necho hello | wc -c\n",
        "printf 'foo\\nbar\\nFoo bar\\n' | grep foo\nprintf 'foo\\nbar\\n' | grep -v foo\nprintf 'foo\\nFOO\\n' | grep -i foo\nprintf 'foo\\nbar\\n' | grep -c o\nprintf 'foo\\n' | grep -q x; echo $?\nprintf 'a1\\nb22\\n' | grep -E '[0-9]{2}'\nprintf 'ab\\na+b\\n' | grep 'a+b'\nprintf 'foo bar\\nfoobar\\n' | grep -w foo\n",
        "printf 'x1\\nx2\\n' | grep -n 2\nprintf 'inet 10.0.0.1/24 brd\\n' | grep -o '[0-9.]*/[0-9]*'\necho abc | grep '^a.c$'\necho 'a.c' | grep -F 'a.c'\necho 'a(b' | grep 'a(b'\necho 'ab' | grep 'a\\(b\\)'\n",
        "echo 'a:b:c' | cut -d: -f2\necho 'a:b:c' | cut -d: -f1,3\necho hello | cut -c 2-4\necho 'HELLO' | tr A-Z a-z\necho 'a  b' | tr -s ' '\necho abc | tr -d b\n",
        "basename /a/b/c.txt\nbasename /a/b/c.txt .txt\ndirname /a/b/c\ndirname c\ndirname /c\nseq 3\nseq 2 4\nseq 1 2 7\n",
        "printf 'a\\na\\nb\\n' | uniq\nprintf 'a\\na\\nb\\n' | uniq -c\n",
        "mkdir -p nsdt/a/b\nmkdir nsdt/a\necho $?\nmkdir nsdt/x/y\necho $?\ntouch nsdt/f\nrm nsdt/a\necho $?\nrm -rf nsdt\nrm nsdt\necho $?\nrm -f nsdt\necho $?\n",
        "cat /nonexistent\necho $?\necho data | cat - /nonexistent\n",
        "echo 'a b' | { read x y; echo \"$y $x\"; }\n",
        "x=$(false)\necho $?\nx=$(true) y=$(exit 3)\necho $?\n",
        // second batch: idioms of scenario scripts
        "f() { for a in \"$@\"; do echo \"<$a>\"; done; echo \"${@}\" $*; }\nf 'x y' z\n",
        "f() { echo \"${1:-none}\" \"${2-unset}\"; }\nf\nf a ''\n",
        "outer() { local v=o; inner; echo \"outer sees $v\"; }\ninner() { echo \"inner sees $v\"; v=changed; }\nv=g\nouter\necho $v\n",
        "x=1\nunset -v x\necho \"[${x-unset}]\"\n",
        "set -x\ni=0\nwhile [ $i -lt 2 ]; do\n  i=$((i + 1))\ndone\n",
        "a=b\n[ \"$a\" == \"b\" ] && echo same\n[ \"$a\" \\< \"c\" ] && echo less\n",
        "echo a # comment\necho a#b #c\necho '#' \"#\"\n#only comment\n",
        "if ! false; then echo negated; fi\nfalse || { echo failed; }\ntrue && { echo ok; } || echo no\n",
        "echo $((16#ff)) $((0x10)) $((010)) $((2#101))\n",
        "x=\"a b c\"\nset -- $x\necho $#\nIFS=\nset -- $x\necho $#\n",
        "f() { echo $LINENO; }\nf\necho $LINENO\n",
        "echo ${#} ${#@}\nset -- a b\necho ${#} ${#@} ${#*}\n",
        "v=/a/b/c\necho ${v%/*} ${v#/*/} ${v##*/}\nf=file.tar.gz\necho ${f%%.*} ${f#*.}\n",
        "for x in a b; do echo $x; done; echo \"after $x\"\nfor y in; do echo never; done\necho done\n",
        "f() {\n  if [ -z \"$1\" ]; then\n    echo usage >&2\n    return 1\n  fi\n  echo \"arg $1\"\n}\nf || echo \"failed $?\"\nf one\n",
        "count=0\nfor i in 1 2 3 4 5; do\n  [ $((i % 2)) -eq 0 ] && continue\n  count=$((count + i))\ndone\necho $count\n",
        "s=\"x\"\ns=\"${s}y\"\ns+=z\necho $s ${s:1} ${s::2}\n",
        "echo \"a\\\"b\" 'c\\d' \"e\\f\" \"\\$HOME\" \"\\`\"\n",
        "echo -e \"line1\\nline2\" | while read -r l; do echo \"[$l]\"; done\n",
        "printf '%s\\n' one two three | head -n 2 | tail -n 1\n",
        "echo \"$(printf 'a\\n\\n\\n')\" | wc -l\n",
        "x=$(echo '  spaced  ')\necho \"[$x]\" [$x]\n",
        "set -e\nfalse | true\necho pipeline-ok\nx=$(false) || echo caught\necho end\n",
        "set -e\nf() { return 3; }\nif f; then :; else echo \"else $?\"; fi\nf\necho never\n",
        "set -eu\n: ${X:=default}\necho $X\n",
        "true | false\necho $?\nfalse | true\necho $?\n! false | false\necho $?\n",
        "echo start; (echo sub; exit 2); echo \"sub $?\"\n{ echo grp; false; }; echo \"grp $?\"\n",
        "set -x\nexport PATH_EXTRA=~/bin:~/sbin\necho $PATH_EXTRA\nlocalvar=a:~/x\necho $localvar\n",
        "set -x\n{ echo in-group; } 2>/dev/null\necho hi 2>/dev/null\n",
        "set -x\ncat <<EOF >/dev/null\n$(echo in-heredoc)\nEOF\n",
        "set -x\na=$(echo 1) b=$(echo 2)\necho $a$b\n",
        "set -x\nx=5\n(( x > 3 )) && echo big\n(( x == 0 )) || echo nonzero\n",
        "echo $(( 7 > 3 ? 10 : 20 )) $(( 1 && 0 || 1 )) $(( ~0 )) $(( 5 & 3 )) $(( 1 << 4 ))\n",
        "n=3; while (( n-- > 0 )); do echo $n; done\n",
        "read a b c <<< 'one two'\necho \"[$a][$b][$c]\"\nread -r line <<< 'back\\slash'\necho \"$line\"\nread line <<< 'back\\slash'\necho \"$line\"\n",
        "seq 5 | grep -v 3 | sort -rn | head -2\n",
        "echo 'x=1' | cut -d= -f2\necho 'a b c' | tr ' ' '\\n' | wc -l\n",
        "unset HOME\necho ~ \"[$HOME]\"\n",
        "f() { echo \"$0\"; }\nf\necho \"$0\"\n",
        "exit 256\n",
        "exit -1\n",
        "return\n",
        "f() { exit 7; echo no; }\nf\necho never\n",
        "(( 0 ))\necho $?\nlet 0\necho $?\n",
        "x=abc\ncase_like=${x/b/B}\necho $case_like ${x/#a/A} ${x/%c/C} ${x//[ac]/-}\n",
        "echo $(echo a)$(echo b) \"$(echo c) $(echo d)\"\n",
        "echo \"${x:-$(echo computed)}\"\n",
        "eval 'fi'\necho \"eval status $?\"\n",
        "printf '%s %s\\n' a b c\nprintf '%-3s|\\n' ab\nprintf '%03d %+d % d\\n' 7 5 5\n",
        "echo -n\necho -n ''\necho -e -n 'a\\n'\necho -en 'b\\n'\necho -nn c; echo\n",
        "test\necho $?\ntest ''\necho $?\ntest -z\necho $?\n[ -f ]\necho $?\n",
        "[ 1 -eq 1 -a 2 -eq 2 ] && echo both\n[ \\( 1 -eq 2 \\) -o 1 -eq 1 ] && echo paren\n[ ! 1 -eq 2 ] && echo neg\n",
        "[ 010 -eq 10 ] && echo dec\n[ ' 5 ' -gt 4 ] && echo spaces\n[ -5 -lt 0 ] && echo neg\n",
        // third batch: grammar corners
        "if true; then echo a; fi > /dev/null\nwhile read l; do echo \"<$l>\"; done <<EOF\nx\ny\nEOF\nfor i in 1 2; do echo $i; done | cat\n",
        "f() ( echo sub; x=1 )\nx=0\nf\necho $x\n{ echo a; } && echo b\n",
        "echo a && \\\necho b\necho c |\n  cat\nfalse ||\n\necho d\n",
        "if [ 1 ]\nthen\n  echo x\nelif false\nthen\n  :\nelse\n  echo no\nfi\nfor i in a b\ndo\n  echo $i\ndone\nwhile false\ndo\n  :\ndone\n",
        "echo \"${x:-\"nested quotes\"}\" ${x:-'single'} \"${x:-'single'}\" ${x:-\"a  b\"}\n",
        "echo \\$HOME '\\' \"\\n\" \"a\\\nb\" a\\\nb\n",
        "#!/bin/bash\n# only a comment\n\n\t  echo tabbed   # trailing\n",
        "",
        "echo }\necho {\n{ echo a; }\necho a{b}c\n",
        "function f { echo f1; }\nfunction g() { echo g1; }\nh ()\n{\n  echo h1\n}\nf; g; h\n",
        "f() { echo $1; }; f one; f two\n",
        "x=1; y=2; echo $x$y; z=$x$y; echo $z\n",
        "echo a\\ b \"a\"'b'c \"\"'' '' \"\" | cat\n",
        "set -x\nf() {\n  local a=1\n  echo \"$a\" >/dev/null\n}\nf\n",
        "echo $(echo $(echo $(echo three)))\necho \"$(echo \"$(echo nested)\")\"\n",
        "x=`echo a`; y=\"`echo b`\"; echo $x$y\n",
        "echo $((3-1))$((2*2))\necho $(( 10 / 3 )) $(( -7 % 3 ))\n",
        "foo() { echo \"foo $*\"; }\nbar=foo\n$bar arg\n",
        "cmd=\"echo hello world\"\n$cmd\n\"$cmd\"\n",
        "echo ok >&2 | cat\necho $?\n",
        "echo a > /dev/null > /dev/stdout\necho b 2>&1 1>/dev/null\n",
        "if\ntrue\nthen\necho y\nfi\n",
        "{ echo a\necho b; }\n",
        "echo $1 $2 \"${3:-d}\"\n",
        "echo \"a\" # \"b\"\necho c#d\n",
        "echo ${HOME} ${HOME:0:2}\n",
        "a=1\nb=$a\na=2\necho $b $a\n",
        "for f in one two; do\n  for g in x; do\n    echo $f$g\n  done\ndone\n",
        "while true; do echo once; break; done\nuntil false; do echo once2; break; done\n",
        "true &&\n  false ||\n  echo recovered\n",
        "echo first; nosuch; echo third\n",
        "(\n  echo sub1\n  echo sub2\n)\n",
        "f() {\n  cat <<EOF\nin f: $1\nEOF\n}\nf arg\n",
        "cat <<'  END'\nx\n  END\necho after\n",
        "cat << \"E F\"\n$x\nE F\n",
        "cat <<E\\OF\n$HOME\nEOF\n",
        "printf 'a b\\n  c  \\n' > f.txt 2>/dev/null || true\nprintf 'l1 x\\n  l2  \\n' | while IFS= read -r line; do echo \"[$line]\"; done\nIFS=: read a b <<< 'x:y:z'\necho \"$a|$b\"\n",
    ];

    private static IEnumerable<TestCaseData> Cases() =>
        Snippets.Select((s, i) => new TestCaseData(s).SetName($"Snippet{i:D3}: {Describe(s)}"));

    private static string Describe(string s)
    {
        string first = s.Split('\n')[0];
        return first.Length > 50 ? first[..50] : first;
    }

    [TestCaseSource(nameof(Cases))]
    public void SameOutputAndStatusAsBash(string script)
    {
        if (!RealBash.Available)
        {
            Assert.Ignore("/bin/bash is not installed");
        }

        (string expected, int expectedStatus) = RealBash.Run(script);
        ShellHarness h = ShellHarness.Running(script, out int status);
        Assert.That(h.Text, Is.EqualTo(expected));
        Assert.That(status, Is.EqualTo(expectedStatus));
    }
}
