package cms

import (
	"context"
	"fmt"
	"strings"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/catalog"
)

// UpdateMemberProfile edits a profile: members their own, ADMIN anyone's.
func (s *Service) UpdateMemberProfile(ctx context.Context, in guildhall.UpdateMemberProfileInput) (*guildhall.Member, error) {
	v, err := require(ctx, guildhall.RoleMember)
	if err != nil {
		return nil, err
	}
	cur, err := s.memberForWrite(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	if v.Role != guildhall.RoleAdmin && v.MemberID != cur.ID {
		return nil, guildhall.Errorf(guildhall.EFORBIDDEN, "You may edit only your own profile.")
	}
	m := *cur
	m.Version++
	m.UpdatedAt = s.now()
	problems := guildhall.Problems{}
	if in.Name != nil {
		m.Name = checkName("name", *in.Name, problems)
	}
	if in.SortName != nil {
		m.SortName = checkName("sortName", *in.SortName, problems)
	}
	if in.Credentials != nil {
		m.Credentials = optionalText(*in.Credentials, "credentials", problems)
	}
	if in.Bio != nil {
		m.Bio = nil
		if strings.TrimSpace(*in.Bio) != "" {
			bioHTML, _ := s.resolveImages(ctx, v, *in.Bio, "bio", problems)
			rendered := s.rich.Render(bioHTML)
			if len(rendered.HTML) > guildhall.MaxBioBytes {
				problems.Add("bio", "must be at most %d KiB", guildhall.MaxBioBytes>>10)
			}
			bio := held(rendered)
			m.Bio = &bio
		}
	}
	if in.AvatarURL != nil {
		url := strings.TrimSpace(*in.AvatarURL)
		m.AvatarURL = nil
		if url != "" {
			m.AvatarURL = &url
		}
		if m.AvatarURL != nil && !validWebURL(*m.AvatarURL) {
			problems.Add("avatarUrl", "must be an http or https URL")
		}
	}
	if in.AvatarID != nil {
		m.AvatarID = s.checkAsset(*in.AvatarID, "avatarId", problems)
	}
	claimEmail := "" // the normalised address to claim, when it changes
	oldEmail, _ := guildhall.NormalizeEmail(deref(cur.Email))
	take := false // ADMIN moves the address from the member who has it
	if in.Email != nil {
		m.Email = optionalText(*in.Email, "email", problems)
		if m.Email != nil {
			if email := checkEmail("email", *m.Email, problems); email != "" {
				if owner := s.cat().MemberIDByEmail(email); owner != "" && owner != m.ID {
					if deref(in.TakeEmail) && v.Role == guildhall.RoleAdmin {
						take = true
					} else {
						problems.Add("email", "belongs to another member")
					}
				}
				if oldEmail != email {
					claimEmail = email
				}
			}
		}
	}
	if deref(in.TakeEmail) && v.Role != guildhall.RoleAdmin {
		problems.Add("takeEmail", "only ADMIN may move an address from another member")
	}
	if in.Phone != nil {
		m.Phone = optionalText(*in.Phone, "phone", problems)
		if m.Phone != nil && !validPhone(*m.Phone) {
			problems.Add("phone", "is not a phone number")
		}
	}
	if err := problems.Err(); err != nil {
		return nil, err
	}
	if take {
		if err := s.takeMemberEmail(ctx, claimEmail, m.ID, v.Actor()); err != nil {
			return nil, err
		}
	} else if claimEmail != "" {
		if err := s.claimMemberEmail(ctx, claimEmail, m.ID); err != nil {
			if guildhall.ErrorCode(err) == guildhall.ECONFLICT {
				return nil, &guildhall.Error{Code: guildhall.EINVALID, Message: "The email belongs to another member.", Fields: map[string]string{"email": "belongs to another member"}}
			}
			return nil, err
		}
	}
	if err := s.store.members.SaveMember(ctx, &m, v.Actor()); err != nil {
		return nil, err
	}
	s.write(func(c *catalog.Catalog) { c.PutMember(&m) })
	if in.Email != nil {
		s.releaseMemberEmail(ctx, oldEmail, m.ID) // if the address changed away
	}
	s.emit(ctx, Event{Type: guildhall.EventMemberUpdated, Member: &m,
		Key: fmt.Sprintf("member:%s:%d", m.ID, m.Version), Occurred: m.UpdatedAt})
	return &m, nil
}
