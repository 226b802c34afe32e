# suite.sh - busybox's shell and tools, run in the guest and on the host
# with the same busybox (tests/system/busybox_suite.py compares the two
# outputs line by line). Run as: busybox sh suite.sh DIR, where DIR is an
# empty scratch directory. Every section starts with "## name"; nothing
# printed may depend on the machine (no times, inode numbers, pids, paths
# outside DIR).
cd "$1" || exit 99
echo "## files"
mkdir -p a/b/c && echo one > a/b/c/f1 && echo two > a/f2
ls a a/b/c
cp -r a copy && ls -R copy | sed 's/copy/C/'
mv copy/f2 copy/f3 && ls copy
rm -r copy && ls
ln -s a/f2 link && cat link && readlink link
touch empty && wc -c empty && test -s empty || echo "empty is empty"
chmod 640 a/f2 && ls -l a/f2 | cut -c1-10
printf 'x%.0s' 1 2 3 4 5 > five && wc -c < five
find a -type f | sort
du -s a > /dev/null && echo du ok
echo "## text"
printf 'pear\napple\nfig\napple\n' > fruit
sort fruit | uniq -c | sed 's/^ *//'
sort -r fruit | head -n 2
grep -n apple fruit
grep -c -v apple fruit
sed -e 's/p/P/g' -e '/fig/d' fruit
awk '{ n += length($0) } END { print NR, n }' fruit
awk -F: '$3 == 0 { print $1 }' /etc/passwd
cut -c1-3 fruit | tr 'a-z' 'A-Z'
tail -n 1 fruit; head -c 4 fruit; echo
printf 'b 2\na 10\nc 1\n' | sort -k2 -n
seq 1 5 | paste -s -d+ | bc 2>/dev/null || seq 1 5 | awk '{s+=$1} END {print s}'
echo hello world | od -c | head -n 1
printf 'one two\nthree\n' | wc
echo "## pipes and redirection"
echo abc | cat | cat | tr a-c x-z
{ echo out; echo err >&2; } 2>&1 | sort
{ echo out; echo err >&2; } 2>/dev/null
echo first > r; echo second >> r; cat r
cat < r | wc -l
exec 3> fd3; echo via3 >&3; exec 3>&-; cat fd3
cat <<END
here $((6 * 7))
  indented
END
cat <<'END'
quoted $HOME
END
read -r x y <<END
left right
END
echo "$x|$y"
yes | head -n 3
echo "## exit codes"
true; echo $?
false; echo $?
sh -c 'exit 7'; echo $?
(exit 3); echo $?
! true; echo $?
grep -q nothing fruit; echo $?
nosuchcommand 2>/dev/null; echo $?
sh -c 'kill -TERM $$'; echo $?
test 3 -gt 2 && echo "3 > 2"
[ -d a ] || echo "never"
echo "## nesting"
sh -c 'sh -c "sh -c \"echo deep \\\$0\" three" two' one
echo $(echo $(echo inner))
x=$(sh -c 'echo sub; exit 5'); echo "$x $?"
f() { echo "args $#: $*"; return 4; }; f a "b c"; echo $?
for i in 1 2 3; do case $i in 2) continue;; esac; echo i=$i; done
n=0; while [ $n -lt 3 ]; do n=$((n + 1)); done; echo n=$n
echo "## forks"
i=0; while [ $i -lt 200 ]; do /bin/true; i=$((i + 1)); done; echo "200 forks: $i"
i=0; for w in $(seq 1 50); do echo $w | cat > /dev/null; i=$((i + 1)); done; echo "50 pipelines: $i"
echo "## jobs"
sleep 1 & p=$!
wait $p; echo "waited: $?"
sh -c 'exit 9' & wait $!; echo "background status: $?"
set -m
sleep 0 & wait; echo "set -m wait: $?"
(exit 4) & wait $!; echo "set -m status: $?"
set +m
echo "## end"
