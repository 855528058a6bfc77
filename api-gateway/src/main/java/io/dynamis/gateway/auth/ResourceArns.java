package io.dynamis.gateway.auth;

/** The ARNs policies name: {@code arn:aws:dynamodb:<region>:<account>:table/<name>}, its indexes, all tables. */
public record ResourceArns(String region, String accountId) {

    public String table(String name) {
        return "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + name;
    }

    public String index(String table, String index) {
        return table(table) + "/index/" + index;
    }

    /** What an operation on no particular table (ListTables, ListBackups, ...) is authorized on. */
    public String allTables() {
        return table("*");
    }

    /** A principal's ARN: {@code arn:aws:iam::<account>:user/<name>} (the root: {@code :root}). */
    public String user(String name) {
        return "arn:aws:iam::" + accountId + ":user/" + name;
    }

    public String root() {
        return "arn:aws:iam::" + accountId + ":root";
    }
}
