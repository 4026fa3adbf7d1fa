package dev.vigil.stack;

/** Where the services' PostgreSQL is: embedded by default, or a server given by URL. */
public interface Database extends AutoCloseable {
    String jdbcUrl();

    String username();

    String password();

    @Override
    void close();

    /** A server someone else runs (VIGIL_DB_URL); closing it does nothing. */
    static Database external(String jdbcUrl, String username, String password) {
        return new Database() {
            public String jdbcUrl() {
                return jdbcUrl;
            }

            public String username() {
                return username;
            }

            public String password() {
                return password;
            }

            public void close() {
            }
        };
    }
}
