exports.setup = function( parsoidConfig ) {
	parsoidConfig.setInterwiki( 'localhost', 'http://localhost/api.php' );
};
