#!/bin/bash
set -e
: ${MEDIAWIKI_DB_HOST:=${MYSQL_PORT_3306_TCP#tcp://}}
: ${MEDIAWIKI_DB_PASSWORD:=$MYSQL_ENV_MYSQL_ROOT_PASSWORD}
if [ ! -e /data/LocalSettings.php ]; then
	echo >&2 'No /data/LocalSettings.php: run the installer and save it there'
fi
ln -sf /data/LocalSettings.php /usr/src/mediawiki/LocalSettings.php
exec "$@"
