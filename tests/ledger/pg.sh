#!/bin/sh
# A throwaway PostgreSQL server for the ledger's tests (Debian's postgresql
# package, a real server, no mock):
#
#   sh tests/ledger/pg.sh start DIR   initdb + pg_ctl start in DIR; prints the
#                                     URI tests take as BATCHCALC_TEST_PG
#   sh tests/ledger/pg.sh stop DIR    stops it and removes DIR
#   sh tests/ledger/pg.sh available   exit 0 when a server can be started
#
# The server listens on a Unix socket in DIR (user "batchcalc", trust) and on
# 127.0.0.1 at a free port, where role "ledger_pw" needs its password
# (scram-sha-256): the tests that check a password never shows use it.
# initdb refuses to run as root, so as root the server runs as the
# unprivileged "postgres" user (or "nobody"), which owns DIR.
set -eu
cmd=${1:?usage: pg.sh start|stop DIR, or pg.sh available}

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bindir" ] || bindir=$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/pg_ctl)")
if [ "$cmd" = available ]; then
	[ -x "$bindir/pg_ctl" ] && [ -x "$bindir/initdb" ] && command -v psql >/dev/null
	exit $?
fi
dir=${2:?usage: pg.sh start|stop DIR}
[ -x "$bindir/pg_ctl" ] || { echo "pg.sh: no PostgreSQL server (apt-get install postgresql)" >&2; exit 1; }

as_server() {
	if [ "$(id -u)" = 0 ]; then
		setpriv --reuid="$user" --regid="$(id -g "$user")" --clear-groups -- "$@"
	else
		"$@"
	fi
}
user=$(id -un)
if [ "$(id -u)" = 0 ]; then
	if id postgres >/dev/null 2>&1; then user=postgres; else user=nobody; fi
fi

case $cmd in
start)
	mkdir -p "$dir"
	[ "$(id -u)" = 0 ] && chown "$user" "$dir"
	as_server "$bindir/initdb" -D "$dir/data" -U batchcalc -A trust -E UTF8 --locale=C \
		--no-sync >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; exit 1; }
	cat >"$dir/data/pg_hba.conf" <<-EOF
	local all all trust
	host all ledger_pw 127.0.0.1/32 scram-sha-256
	host all all 127.0.0.1/32 trust
	EOF
	# A free TCP port: let the kernel pick one, then hand it to the server.
	port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null ||
	       echo $((20000 + $$ % 20000)))
	as_server "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "-k $dir -p $port -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" \
		start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
	uri="postgresql://batchcalc@/postgres?host=$dir&port=$port"
	psql "$uri" -qAt -c "CREATE ROLE ledger_pw LOGIN SUPERUSER PASSWORD 'Secret-pw-9'" >/dev/null
	echo "$uri" >"$dir/uri"
	echo "$port" >"$dir/port"
	echo "$uri"
	;;
stop)
	[ -d "$dir/data" ] && as_server "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
	rm -rf "$dir"
	;;
*)
	echo "usage: pg.sh start|stop DIR" >&2
	exit 2
	;;
esac
