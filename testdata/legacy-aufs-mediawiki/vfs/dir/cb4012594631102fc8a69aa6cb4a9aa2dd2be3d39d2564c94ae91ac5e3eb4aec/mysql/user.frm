stand-in table definition mysql.user
