stand-in table definition performance_schema.accounts
