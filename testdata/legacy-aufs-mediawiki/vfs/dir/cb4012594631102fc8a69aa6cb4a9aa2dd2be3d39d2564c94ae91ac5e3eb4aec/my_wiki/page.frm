stand-in table definition my_wiki.page
