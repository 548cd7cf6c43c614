using System.Runtime.CompilerServices;
using Connect.Grpc.Domain;
using Google.Protobuf.WellKnownTypes;
using V1 = Connect.V1;

namespace Connect.Grpc.Services;

/// <summary>Domain ⇄ proto, in one place.</summary>
internal static class ProtoMapping
{
    public static string ToCode(this V1.Language language) => language switch
    {
        V1.Language.De => "de",
        V1.Language.It => "it",
        V1.Language.En => "en",
        _ => Languages.Default,
    };

    public static string? ToCodeOrNull(this V1.Language language) => language == V1.Language.Unspecified ? null : language.ToCode();

    public static V1.Language ToProtoLanguage(this string code) => code switch
    {
        "de" => V1.Language.De,
        "it" => V1.Language.It,
        "en" => V1.Language.En,
        _ => V1.Language.Fr,
    };

    public static Timestamp ToTimestamp(this DateTime utc) => Timestamp.FromDateTime(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    /// <summary>The organisation as answers show it: retired topics left out (they stay in storage as history).</summary>
    public static V1.Organization ToProto(this Organization organization, TopicCatalogue topics)
    {
        var proto = new V1.Organization
        {
            Id = organization.Id,
            DisplayName = organization.DisplayName,
            AffiliateNumber = organization.AffiliateNumber,
            Language = organization.Language.ToProtoLanguage(),
            State = organization.Suspended ? V1.OrganizationState.Suspended : V1.OrganizationState.Active,
            Fund = organization.Fund,
            CreateTime = organization.CreatedAt.ToTimestamp(),
            UpdateTime = organization.UpdatedAt.ToTimestamp(),
            Etag = OrganizationChanges.Etag(organization),
            PasskeyPolicy = organization.PasskeyRequirement switch
            {
                PasskeyRequirement.Administrators => V1.PasskeyPolicy.Administrators,
                PasskeyRequirement.Everyone => V1.PasskeyPolicy.Everyone,
                _ => V1.PasskeyPolicy.None,
            },
        };
        proto.TopicIds.AddRange(topics.Live(organization.TopicIds));
        if (organization.SuspendedAt is { } suspended && organization.Suspended) proto.SuspendTime = suspended.ToTimestamp();
        proto.Contact = organization.Contact.ToProto();
        return proto;
    }

    /// <summary>A policy as sent; null for an unspecified or unknown value (refused when the update mask names it).</summary>
    public static PasskeyRequirement? ToDomain(this V1.PasskeyPolicy policy) => policy switch
    {
        V1.PasskeyPolicy.None => PasskeyRequirement.None,
        V1.PasskeyPolicy.Administrators => PasskeyRequirement.Administrators,
        V1.PasskeyPolicy.Everyone => PasskeyRequirement.Everyone,
        _ => null,
    };

    public static V1.OrganizationContact ToProto(this OrganizationContact contact)
    {
        var proto = new V1.OrganizationContact
        {
            PersonName = contact.PersonName,
            PostalCode = contact.PostalCode,
            Locality = contact.Locality,
            CountryCode = contact.CountryCode,
            Email = contact.Email,
            PhoneNumber = contact.PhoneNumber,
        };
        proto.AddressLines.AddRange(contact.AddressLines);
        return proto;
    }

    /// <summary>A contact as the caller typed it, for the domain's checks.</summary>
    public static ContactInput ToInput(this V1.OrganizationContact? contact) => contact is null
        ? ContactInput.Empty
        : new ContactInput(contact.PersonName, [.. contact.AddressLines], contact.PostalCode, contact.Locality, contact.CountryCode,
            contact.Email, contact.PhoneNumber);

    public static V1.Topic ToProto(this Topic topic)
    {
        var proto = new V1.Topic
        {
            Id = topic.Id,
            DisplayName = new V1.LocalizedText { Fr = topic.NameFr, De = topic.NameDe, It = topic.NameIt, En = topic.NameEn },
            Retired = topic.IsRetired(),
        };
        if (topic.RetiredAt is { } retired) proto.RetireTime = retired.ToTimestamp();
        return proto;
    }

    public static V1.Invitation ToProto(this Invitation invitation, DateTime now)
    {
        var proto = new V1.Invitation
        {
            Id = invitation.Id,
            OrganizationId = invitation.OrganizationId,
            Delivery = invitation.Delivery switch
            {
                InvitationDelivery.Email => V1.InvitationDelivery.Email,
                InvitationDelivery.Letter => V1.InvitationDelivery.Letter,
                _ => V1.InvitationDelivery.Bootstrap,
            },
            Email = invitation.Email ?? "",
            State = invitation.StateAt(now) switch
            {
                InvitationState.Pending => V1.InvitationState.Pending,
                InvitationState.Redeemed => V1.InvitationState.Redeemed,
                InvitationState.Expired => V1.InvitationState.Expired,
                _ => V1.InvitationState.Revoked,
            },
            CreateTime = invitation.CreatedAt.ToTimestamp(),
            ExpireTime = invitation.ExpiresAt.ToTimestamp(),
        };
        if (invitation.RedeemedAt is { } redeemed) proto.RedeemTime = redeemed.ToTimestamp();
        if (invitation.RevokedAt is { } revoked) proto.RevokeTime = revoked.ToTimestamp();
        proto.ReplacedByInvitationId = invitation.ReplacedById ?? "";
        proto.ReplacesInvitationId = invitation.ReplacesId ?? "";
        return proto;
    }

    public static V1.Registration ToProto(this Registration registration) => new()
    {
        State = (V1.RegistrationState)(int)registration.Step,
        OrganizationDisplayName = registration.OrganizationName,
        Email = registration.Email ?? "",
        ExistingPerson = registration.ExistingPersonId is not null && registration.Step >= RegistrationStep.EmailVerified,
        MaskedPhoneNumber = MobileNumbers.Mask(registration.PhoneNumber),
        ExpireTime = registration.ExpiresAt.ToTimestamp(),
    };

    public static V1.SecondFactor ToProto(this SecondFactorKind factor) => factor switch
    {
        SecondFactorKind.Sms => V1.SecondFactor.Sms,
        SecondFactorKind.Authenticator => V1.SecondFactor.Authenticator,
        SecondFactorKind.Passkey => V1.SecondFactor.Passkey,
        _ => V1.SecondFactor.RecoveryCode,
    };

    public static V1.SignInChallenge ToProto(this SignInChallengeInfo challenge)
    {
        var proto = new V1.SignInChallenge
        {
            SignInToken = challenge.Token,
            MaskedPhoneNumber = challenge.MaskedPhoneNumber,
            ExpireTime = challenge.SignIn.ExpiresAt.ToTimestamp(),
            PhoneNumberRequired = challenge.PhoneNumberRequired,
            PasskeyRequired = challenge.PasskeyRequired,
        };
        proto.SecondFactors.AddRange(challenge.Factors.Select(f => f.ToProto()));
        return proto;
    }

    public static V1.IssuedSession ToProto(this (string Token, Session Session) issued) => new()
    {
        SessionToken = issued.Token,
        ExpireTime = issued.Session.ExpiresAt.ToTimestamp(),
        PersonId = issued.Session.PersonId,
        OrganizationId = issued.Session.OrganizationId,
        PasskeyEnrollmentRequired = issued.Session.PasskeyEnrollmentRequired,
    };

    public static V1.OrganizationChoice ToChoice(this (Membership Membership, Organization Organization) active) => new()
    {
        OrganizationId = active.Organization.Id,
        DisplayName = active.Organization.DisplayName,
        Administrator = active.Membership.Administrator,
    };

    public static V1.Account ToAccount(this Person person) => new()
    {
        PersonId = person.Id,
        Email = person.Email,
        GivenName = person.GivenName,
        FamilyName = person.FamilyName,
        Language = person.Language.ToProtoLanguage(),
        MaskedPhoneNumber = MobileNumbers.Mask(person.PhoneNumber),
        PendingMaskedPhoneNumber = MobileNumbers.Mask(person.PendingPhoneNumber),
        AuthenticatorEnrolled = person.AuthenticatorSecret is not null,
        RecoveryCodesLeft = person.RecoveryCodeHashes.Count,
        PasswordChangeTime = (person.PasswordChangedAt ?? person.CreatedAt).ToTimestamp(),
    };

    public static V1.Passkey ToProto(this Domain.Passkey passkey)
    {
        var proto = new V1.Passkey { PasskeyId = passkey.Id, Name = passkey.Name, CreateTime = passkey.CreatedAt.ToTimestamp(), BackedUp = passkey.BackedUp };
        if (passkey.LastUsedAt is { } used) proto.LastUseTime = used.ToTimestamp();
        return proto;
    }

    public static V1.SessionSummary ToSummary(this (Session Session, string OrganizationName) entry, string currentSessionId) => new()
    {
        SessionId = entry.Session.Id,
        OrganizationId = entry.Session.OrganizationId,
        OrganizationDisplayName = entry.OrganizationName,
        CreateTime = entry.Session.CreatedAt.ToTimestamp(),
        LastUseTime = entry.Session.LastUsedAt.ToTimestamp(),
        ExpireTime = entry.Session.ExpiresAt.ToTimestamp(),
        ClientAddress = entry.Session.ClientAddress ?? "",
        UserAgent = entry.Session.UserAgent ?? "",
        Current = entry.Session.Id == currentSessionId,
    };

    public static V1.MemberState ToProto(this MembershipState state) => state switch
    {
        MembershipState.PendingPhone => V1.MemberState.PendingPhone,
        MembershipState.PendingActivation => V1.MemberState.PendingActivation,
        MembershipState.Active => V1.MemberState.Active,
        MembershipState.Deactivated => V1.MemberState.Deactivated,
        _ => V1.MemberState.Unspecified,
    };

    /// <summary>
    /// The domain states a list filter asks for: every state but deactivated when empty or for an
    /// unspecified entry; INVALID_ARGUMENT for an unknown number.
    /// </summary>
    public static IReadOnlySet<MembershipState> ToDomain(this IEnumerable<V1.MemberState> states)
    {
        var result = new HashSet<MembershipState>();
        foreach (var state in states)
        {
            if (state == V1.MemberState.Unspecified) result.UnionWith(MemberDirectory.DefaultStates);
            else result.Add(state switch
            {
                V1.MemberState.PendingPhone => MembershipState.PendingPhone,
                V1.MemberState.PendingActivation => MembershipState.PendingActivation,
                V1.MemberState.Active => MembershipState.Active,
                V1.MemberState.Deactivated => MembershipState.Deactivated,
                _ => throw ConnectException.Field("states", $"has an unknown state {(int)state}"),
            });
        }
        return result.Count == 0 ? MemberDirectory.DefaultStates : result;
    }

    /// <summary>
    /// Members as answers showed them, by membership: the session cache hands out the same membership and person
    /// objects until a write changes them, so a member page need not mask 100 numbers and hash 50 etags again on every
    /// call. Weakly held (gone with the membership object); an answer is only read after it is built.
    /// </summary>
    private static readonly ConditionalWeakTable<Membership, BuiltMember> BuiltMembers = new();

    private sealed record BuiltMember(Person? Person, object Catalogue, V1.Member Proto);

    /// <summary>The member as answers show it: retired topics left out (they stay in storage as history).</summary>
    public static V1.Member ToProto(this MemberView member, TopicCatalogue topics)
    {
        var catalogue = topics.Version;
        if (BuiltMembers.TryGetValue(member.Membership, out var built)
            && ReferenceEquals(built.Person, member.Person) && ReferenceEquals(built.Catalogue, catalogue))
            return built.Proto;
        var proto = Build(member, topics);
        BuiltMembers.AddOrUpdate(member.Membership, new BuiltMember(member.Person, catalogue, proto));
        return proto;
    }

    private static V1.Member Build(MemberView member, TopicCatalogue topics)
    {
        var membership = member.Membership;
        var proto = new V1.Member
        {
            Id = membership.Id,
            PersonId = member.PersonId,
            Email = member.Email,
            GivenName = member.GivenName,
            FamilyName = member.FamilyName,
            MaskedPhoneNumber = MobileNumbers.Mask(member.PhoneNumber),
            MaskedPendingPhoneNumber = MobileNumbers.Mask(membership.PendingPhoneNumber),
            Administrator = membership.Administrator,
            State = membership.State.ToProto(),
            Language = member.Language.ToProtoLanguage(),
            CreateTime = membership.CreatedAt.ToTimestamp(),
            UpdateTime = member.UpdatedAt.ToTimestamp(),
            Etag = member.Etag,
        };
        proto.TopicIds.AddRange(topics.Live(membership.TopicIds));
        return proto;
    }

    public static V1.MembershipInvitation ToProto(this MembershipInvitationView invitation)
    {
        var membership = invitation.Membership;
        var proto = new V1.MembershipInvitation
        {
            Id = membership.Id,
            OrganizationId = membership.OrganizationId,
            OrganizationDisplayName = invitation.OrganizationName,
            Administrator = membership.Administrator,
            CreateTime = membership.CreatedAt.ToTimestamp(),
        };
        if (membership.InvitationExpiresAt is { } expires) proto.ExpireTime = expires.ToTimestamp();
        return proto;
    }

    public static V1.AuditEvent ToProto(this (AuditEvent Event, Person? Actor) entry)
    {
        var (auditEvent, actor) = entry;
        var proto = new V1.AuditEvent
        {
            Id = auditEvent.Id,
            Time = auditEvent.Time.ToTimestamp(),
            Action = auditEvent.Action,
            ActorPersonId = auditEvent.ActorPersonId ?? "",
            ActorName = AuditActors.NameOf(auditEvent, actor),
            ActorApplicationId = auditEvent.ActorApplicationId ?? "",
            OrganizationId = auditEvent.OrganizationId ?? "",
            TargetType = auditEvent.TargetType ?? "",
            TargetId = auditEvent.TargetId ?? "",
            ClientAddress = auditEvent.ClientAddress ?? "",
        };
        proto.Details.Add(auditEvent.Details);
        return proto;
    }
}
