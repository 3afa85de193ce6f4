using System.Text;

namespace Inet.Core.Sasl;

/// <summary>
/// LOGIN (draft-murchison-sasl-login): the server asks twice ("Username:", "Password:") and the
/// client answers the user, then the password. The prompt text is not checked, as servers vary it.
/// </summary>
internal sealed class LoginMechanism : SaslMechanism
{
    private readonly string _user;
    private readonly string _password;
    private int _answered;

    public LoginMechanism(string user, string password)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(password);
        _user = user;
        _password = password;
    }

    public override string Name => "LOGIN";
    public override bool HasInitialResponse => false;
    public override bool SendsPasswordInClear => true;

    public override byte[] InitialResponse() =>
        throw new InvalidOperationException("LOGIN has no initial response.");

    public override byte[] Respond(ReadOnlySpan<byte> challenge) => _answered++ switch
    {
        0 => Encoding.UTF8.GetBytes(_user),
        1 => Encoding.UTF8.GetBytes(_password),
        _ => throw new SaslException("LOGIN got a third challenge after the user and password were sent."),
    };
}
