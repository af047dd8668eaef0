#!/bin/bash
set -e

if [ "${1:0:1}" = '-' ]; then
	set -- mysqld "$@"
fi

if [ "$1" = 'mysqld' ]; then
	if [ ! -d '/var/lib/mysql/mysql' ]; then
		if [ -z "$MYSQL_ROOT_PASSWORD" ]; then
			echo >&2 'error: database is uninitialized and MYSQL_ROOT_PASSWORD not set'
			exit 1
		fi
		mysql_install_db --user=mysql --datadir=/var/lib/mysql
		TEMP_FILE='/tmp/mysql-first-time.sql'
		echo "DELETE FROM mysql.user ;" > "$TEMP_FILE"
		echo "CREATE USER 'root'@'%' IDENTIFIED BY '${MYSQL_ROOT_PASSWORD}' ;" >> "$TEMP_FILE"
		echo "GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION ;" >> "$TEMP_FILE"
		echo 'FLUSH PRIVILEGES ;' >> "$TEMP_FILE"
		set -- "$@" --init-file="$TEMP_FILE"
	fi
	chown -R mysql:mysql /var/lib/mysql
fi

exec "$@"
