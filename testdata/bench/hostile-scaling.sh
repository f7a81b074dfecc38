#!/bin/sh
# hostile-scaling.sh [CASE-REGEXP]: how the cost of each hostile input of
# issue 14 grows from size n to 4n (BenchmarkHostile's generators). Each
# case and size is scanned once per process, in a process of its own, so
# that no memo of one run (CW314's patterns, the IAM catalog index) serves
# the next; ROUNDS runs each (default 3), medians compared. Prints wall
# time, CPU time and allocated bytes at n and 4n and their ratios; a ratio
# over 4.5 is marked '!'. Meant for a quiet machine: `make hostile-scaling`
# (ROUNDS=5 make hostile-scaling, or a regexp: sh testdata/bench/hostile-scaling.sh 'iam-|cw314').
set -eu
ROUNDS=${ROUNDS:-3}
FILTER=${1:-.}
GO=${GO:-go}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$GO" test -c -o "$tmp/cw.test" ./cmd/configward
HOSTILE_LIST=1 "$tmp/cw.test" -test.run '^TestHostileScaledList$' -test.v | sed -n 's/^.*hostile-scaled //p' > "$tmp/list"
printf '%-26s %8s | %9s %9s %5s | %8s %8s %5s | %8s %8s %5s\n' case n "ms(n)" "ms(4n)" x "cpu(n)" "cpu(4n)" x "MB(n)" "MB(4n)" x
while read -r name n; do
	echo "$name" | grep -Eq -- "$FILTER" || continue
	for size in "$n" $((4 * n)); do
		r=0
		while [ "$r" -lt "$ROUNDS" ]; do
			"$tmp/cw.test" -test.run '^$' -test.bench "^BenchmarkHostile\$/^$name\$/^$size\$" -test.benchtime 1x -test.benchmem | grep '^BenchmarkHostile/' || true
			r=$((r + 1))
		done > "$tmp/$size.txt"
	done
	# Fields: name iterations ns ns/op cpu cpu-sec/op bytes B/op allocs allocs/op.
	awk -v name="$name" -v n="$n" '
		function median(a, k,   i, j, t) {
			for (i = 2; i <= k; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
			return k % 2 ? a[(k+1)/2] : (a[k/2] + a[k/2+1]) / 2
		}
		function ratio(a, b) { return a > 0 ? b / a : 0 }
		function mark(r) { return r > 4.5 ? "!" : " " }
		FNR == 1 { f++ }
		{
			k[f]++; ns[f, k[f]] = $3
			for (i = 4; i < NF; i++) {
				if ($(i+1) == "cpu-sec/op") cpu[f, k[f]] = $i
				if ($(i+1) == "B/op") b[f, k[f]] = $i
			}
		}
		END {
			if (k[1] == 0 || k[2] == 0) { printf "%-26s %8s | no result\n", name, n; exit }
			for (s = 1; s <= 2; s++) {
				delete t; delete c; delete m
				for (i = 1; i <= k[s]; i++) { t[i] = ns[s, i]; c[i] = cpu[s, i]; m[i] = b[s, i] }
				T[s] = median(t, k[s]) / 1e6; C[s] = median(c, k[s]) * 1e3; M[s] = median(m, k[s]) / 1e6
			}
			rt = ratio(T[1], T[2]); rc = ratio(C[1], C[2]); rm = ratio(M[1], M[2])
			printf "%-26s %8d | %9.1f %9.1f %4.2f%s | %8.1f %8.1f %4.2f%s | %8.1f %8.1f %4.2f%s\n", name, n, T[1], T[2], rt, mark(rt), C[1], C[2], rc, mark(rc), M[1], M[2], rm, mark(rm)
		}' "$tmp/$n.txt" "$tmp/$((4 * n)).txt"
done < "$tmp/list"
