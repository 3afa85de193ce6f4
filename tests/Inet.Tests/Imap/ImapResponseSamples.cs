using static Inet.Tests.Imap.ImapTestHelpers;

namespace Inet.Tests.Imap;

/// <summary>Real-world responses (RFC examples, Dovecot, Gmail, Exchange styles) and how they read back.</summary>
internal static class ImapResponseSamples
{
    public static readonly (string Name, string Input, string[] Expected)[] All =
    [
        ("exists", "* 23 EXISTS\r\n", ["* 23 EXISTS"]),
        ("fetch body literal", "* 12 FETCH (FLAGS (\\Seen) UID 44 BODY[] {5}\r\nhello)\r\n",
            ["* 12 FETCH (FLAGS (\\Seen) UID 44 BODY[] {5}hello)"]),
        ("list dovecot", "* LIST (\\HasNoChildren) \".\" INBOX\r\n", ["* LIST (\\HasNoChildren) \".\" INBOX"]),
        ("list literal name", "* LIST () \"/\" " + Lit("Foo Bar") + "\r\n", ["* LIST () \"/\" {7}Foo Bar"]),
        ("list gmail", "* LIST (\\HasChildren \\Noselect) \"/\" \"[Gmail]\"\r\n* LIST (\\All \\HasNoChildren) \"/\" \"[Gmail]/All Mail\"\r\n",
            ["* LIST (\\HasChildren \\Noselect) \"/\" \"[Gmail]\"", "* LIST (\\All \\HasNoChildren) \"/\" \"[Gmail]/All Mail\""]),
        ("list nil delimiter", "* LIST (\\Noselect) NIL \"\"\r\n", ["* LIST (\\Noselect) NIL \"\""]),
        ("capability", "* CAPABILITY IMAP4rev1 LITERAL+ SASL-IR LOGIN-REFERRALS ID ENABLE IDLE AUTH=PLAIN\r\n",
            ["* CAPABILITY IMAP4rev1 LITERAL+ SASL-IR LOGIN-REFERRALS ID ENABLE IDLE AUTH=PLAIN"]),
        ("search", "* SEARCH 2 3 5\r\n* SEARCH\r\n", ["* SEARCH 2 3 5", "* SEARCH"]),
        ("esearch", "* ESEARCH (TAG \"A282\") UID MIN 2 COUNT 3 ALL 2,10:11\r\n", ["* ESEARCH (TAG \"A282\") UID MIN 2 COUNT 3 ALL 2,10:11"]),
        ("status", "* STATUS \"blurdybloop\" (MESSAGES 231 UIDNEXT 44292)\r\n", ["* STATUS \"blurdybloop\" (MESSAGES 231 UIDNEXT 44292)"]),
        ("namespace", "* NAMESPACE ((\"\" \".\")) NIL NIL\r\n* NAMESPACE ((\"\" \"/\")) ((\"~\" \"/\")) ((\"#shared/\" \"/\")(\"#public/\" \"/\"))\r\n",
            ["* NAMESPACE ((\"\" \".\")) NIL NIL", "* NAMESPACE ((\"\" \"/\")) ((\"~\" \"/\")) ((\"#shared/\" \"/\") (\"#public/\" \"/\"))"]),
        ("enabled", "* ENABLED CONDSTORE QRESYNC\r\n", ["* ENABLED CONDSTORE QRESYNC"]),
        ("vanished", "* VANISHED (EARLIER) 1:5,7\r\n", ["* VANISHED (EARLIER) 1:5,7"]),
        ("gmail fetch", "* 1 FETCH (X-GM-THRID 1278455344230334865 X-GM-LABELS (\\Inbox \\Sent Important \"Muy Importante\") UID 4 FLAGS (\\Seen))\r\n",
            ["* 1 FETCH (X-GM-THRID 1278455344230334865 X-GM-LABELS (\\Inbox \\Sent Important \"Muy Importante\") UID 4 FLAGS (\\Seen))"]),
        ("exchange fetch", "* 1 FETCH (UID 5 RFC822.SIZE 1234 INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" FLAGS (\\Seen \\Recent))\r\n",
            ["* 1 FETCH (UID 5 RFC822.SIZE 1234 INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" FLAGS (\\Seen \\Recent))"]),
        ("envelope", "* 2 FETCH (UID 7 ENVELOPE (\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \"IMAP4rev1 WG mtg summary and \\\"minutes\\\"\" ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((NIL NIL \"imap\" \"cac.washington.edu\")) ((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL \"<B27397-0100000@cac.washington.edu>\"))\r\n",
            ["* 2 FETCH (UID 7 ENVELOPE (\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \"IMAP4rev1 WG mtg summary and \\\"minutes\\\"\" ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((NIL NIL \"imap\" \"cac.washington.edu\")) ((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\") (\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL \"<B27397-0100000@cac.washington.edu>\"))"]),
        ("envelope literal subject", "* 3 FETCH (ENVELOPE (NIL " + Lit("Re: \"quoted\"\r\nfolded") + " NIL NIL NIL NIL NIL NIL NIL NIL) UID 8)\r\n",
            ["* 3 FETCH (ENVELOPE (NIL {20}Re: \"quoted\"\\x0d\\x0afolded NIL NIL NIL NIL NIL NIL NIL NIL) UID 8)"]),
        ("bodystructure multipart", "* 4 FETCH (BODYSTRUCTURE ((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 10 1 NIL NIL NIL NIL)((\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" 20 2 NIL NIL NIL NIL)(\"image\" \"png\" (\"name\" \"a.png\") \"<id1>\" NIL \"base64\" 300 NIL (\"inline\" (\"filename\" \"a.png\")) NIL NIL) \"related\" (\"boundary\" \"b2\") NIL NIL NIL) \"alternative\" (\"boundary\" \"b1\") NIL NIL NIL))\r\n",
            ["* 4 FETCH (BODYSTRUCTURE ((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 10 1 NIL NIL NIL NIL) ((\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" 20 2 NIL NIL NIL NIL) (\"image\" \"png\" (\"name\" \"a.png\") \"<id1>\" NIL \"base64\" 300 NIL (\"inline\" (\"filename\" \"a.png\")) NIL NIL) \"related\" (\"boundary\" \"b2\") NIL NIL NIL) \"alternative\" (\"boundary\" \"b1\") NIL NIL NIL))"]),
        ("bodystructure exchange", "* 9 FETCH (BODYSTRUCTURE (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"us-ascii\") NIL NIL \"7BIT\" 1152 23))\r\n",
            ["* 9 FETCH (BODYSTRUCTURE (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"us-ascii\") NIL NIL \"7BIT\" 1152 23))"]),
        ("sections", "* 5 FETCH (UID 9 BODY[HEADER.FIELDS (SUBJECT FROM)] " + Lit("Subject: x\r\n\r\n") + " BODY[]<0> {3}\r\nabc BODY[1.2.MIME] \"\" BODY.PEEK[HEADER.FIELDS.NOT (\"X-A\" X-B)] NIL)\r\n",
            ["* 5 FETCH (UID 9 BODY[HEADER.FIELDS (SUBJECT FROM)] {14}Subject: x\\x0d\\x0a\\x0d\\x0a BODY[]<0> {3}abc BODY[1.2.MIME] \"\" BODY.PEEK[HEADER.FIELDS.NOT (\"X-A\" X-B)] NIL)"]),
        ("body literal holding responses", "* 1 FETCH (BODY[] " + Lit("x\r\n* 3 EXISTS\r\nA1 OK") + ")\r\nA1 OK FETCH done\r\n",
            ["* 1 FETCH (BODY[] {20}x\\x0d\\x0a* 3 EXISTS\\x0d\\x0aA1 OK)", "A1 OK FETCH done"]),
        ("binary literal", "* 6 FETCH (BINARY[1] ~{5}\r\n\0\u0001\r\n\n UID 3)\r\n", ["* 6 FETCH (BINARY[1] {5}\\x00\\x01\\x0d\\x0a\\x0a UID 3)"]),
        ("empty lists", "* 7 FETCH (FLAGS ())\r\n* LIST () \"/\" INBOX\r\n", ["* 7 FETCH (FLAGS ())", "* LIST () \"/\" INBOX"]),
        ("empty literal", "* 8 FETCH (BODY[TEXT] {0}\r\n)\r\n", ["* 8 FETCH (BODY[TEXT] {0})"]),
        ("two literals back to back", "* 9 FETCH (BODY[1] {2}\r\nab BODY[2] {2}\r\ncd)\r\n", ["* 9 FETCH (BODY[1] {2}ab BODY[2] {2}cd)"]),
        ("codes", "* OK [UIDVALIDITY 3857529045] UIDs valid\r\n* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\nA003 OK [APPENDUID 38505 3955] APPEND completed\r\nA004 OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n",
            ["* OK [UIDVALIDITY 3857529045] UIDs valid", "* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited", "A003 OK [APPENDUID 38505 3955] APPEND completed", "A004 OK [COPYUID 38505 304,319:320 3956:3958] Done"]),
        ("more codes", "* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] Dovecot ready.\r\n* OK [ALERT] System shutdown in 10 minutes\r\n* OK [UIDNEXT 4392] Predicted next UID\r\n* OK [HIGHESTMODSEQ 715194045007]\r\nA142 OK [READ-WRITE] SELECT completed\r\nA003 NO [TRYCREATE] No such mailbox\r\n",
            ["* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] Dovecot ready.", "* OK [ALERT] System shutdown in 10 minutes", "* OK [UIDNEXT 4392] Predicted next UID", "* OK [HIGHESTMODSEQ 715194045007] ", "A142 OK [READ-WRITE] SELECT completed", "A003 NO [TRYCREATE] No such mailbox"]),
        ("bye preauth bad", "* BYE Autologout; idle for too long\r\n* PREAUTH IMAP4rev1 server logged in as Smith\r\nA9 BAD Command unknown\r\na1 ok done\r\n",
            ["* BYE Autologout; idle for too long", "* PREAUTH IMAP4rev1 server logged in as Smith", "A9 BAD Command unknown", "a1 OK done"]),
        ("continuations", "+ idling\r\n+\r\n+ YGgGCSqGSIb3EgECAgIBAAD/////6jcyG4GE3KkTzBeBiVHeceP2CWY0SR0fAQAgAAQEBAQ=\r\n",
            ["+ idling", "+ ", "+ YGgGCSqGSIb3EgECAgIBAAD/////6jcyG4GE3KkTzBeBiVHeceP2CWY0SR0fAQAgAAQEBAQ="]),
        ("bare lf and utf8", "* LIST () \"/\" \"Entw\u00fcrfe\"\n* 1 FETCH (FLAGS (\\Seen $Forwarded))\n", ["* LIST () \"/\" \"Entw\u00fcrfe\"", "* 1 FETCH (FLAGS (\\Seen $Forwarded))"]),
    ];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var sample in All)
            data.Add(sample.Name);
        return data;
    }

    public static (string Name, string Input, string[] Expected) Get(string name) => All.Single(s => s.Name == name);
}
