package org.progjar.chat.user;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.progjar.chat.error.ChatException;
import org.progjar.chat.error.ErrorCode;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Registration, password checks and user look-ups. Profiles never change once registered, so
 * look-ups are served from memory after the first; the cache is bounded and misses go to the
 * database.
 */
@Service
public class UserService {

	private static final Logger log = LoggerFactory.getLogger(UserService.class);

	private static final int MAX_TEXT_LENGTH = 100;

	/** BCrypt reads no further; a longer password would be cut short without anyone noticing. */
	private static final int MAX_PASSWORD_BYTES = 72;

	private final UserRepository users;

	private final PasswordEncoder passwordEncoder;

	private final UserSettings settings;

	private final Clock clock;

	private final Cache<Long, UserProfile> byId;

	private final Cache<String, UserProfile> byName;

	/** Checked when the user does not exist, so that a miss costs as long as a wrong password. */
	private final String decoyHash;

	UserService(UserRepository users, PasswordEncoder passwordEncoder, UserSettings settings, Clock clock) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.settings = settings;
		this.clock = clock;
		this.decoyHash = passwordEncoder.encode("decoy password that matches nothing");
		this.byId = Caffeine.newBuilder().maximumSize(settings.cacheSize()).build();
		this.byName = Caffeine.newBuilder().maximumSize(settings.cacheSize()).build();
	}

	public UserProfile register(String username, String password, String displayName, String nationality) {
		Username name = new Username(username);
		if (password.length() < this.settings.minPasswordLength()) {
			throw new ChatException(ErrorCode.INVALID_PARAMETER,
					"A password needs at least " + this.settings.minPasswordLength() + " characters");
		}
		if (tooLongToHash(password)) {
			throw new ChatException(ErrorCode.INVALID_PARAMETER,
					"A password is at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8");
		}
		String display = requireText("name", displayName);
		String country = requireText("nationality", nationality);
		if (this.users.existsByUsername(name.value())) {
			throw usernameTaken(name);
		}
		User user = new User(name, this.passwordEncoder.encode(password), display, country, this.clock.instant());
		try {
			user = this.users.saveAndFlush(user);
		}
		catch (DataIntegrityViolationException ex) {
			// Lost a race with another registration of the same name.
			throw usernameTaken(name);
		}
		log.info("Registered user {}", name.value());
		return user.toProfile();
	}

	/** The same refusal, in content and roughly in time, whether the user exists or not. */
	public UserProfile checkPassword(String username, String password) {
		Optional<User> user = this.users.findByUsername(username);
		String hash = user.map(User::getPasswordHash).orElse(this.decoyHash);
		// Hash something even for a password no account can have, so the refusal takes as long.
		boolean matches = this.passwordEncoder.matches(tooLongToHash(password) ? "" : password, hash)
				&& !tooLongToHash(password);
		if (user.isEmpty() || !matches) {
			throw new ChatException(ErrorCode.BAD_CREDENTIALS, "Wrong username or password");
		}
		return user.get().toProfile();
	}

	public UserProfile find(String username) {
		UserProfile cached = this.byName.getIfPresent(username);
		if (cached != null) {
			return cached;
		}
		return this.users.findByUsername(username)
			.map(User::toProfile)
			.map(this::remember)
			.orElseThrow(() -> new ChatException(ErrorCode.UNKNOWN_USER, Username.isValid(username)
					? "User [" + username + "] does not exist" : "That user does not exist"));
	}

	public UserProfile get(long id) {
		UserProfile cached = this.byId.getIfPresent(id);
		if (cached != null) {
			return cached;
		}
		return this.users.findById(id)
			.map(User::toProfile)
			.map(this::remember)
			.orElseThrow(() -> new ChatException(ErrorCode.UNKNOWN_USER, "That user does not exist"));
	}

	private UserProfile remember(UserProfile profile) {
		this.byId.put(profile.id(), profile);
		this.byName.put(profile.username(), profile);
		return profile;
	}

	private static boolean tooLongToHash(String password) {
		return password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES;
	}

	private static String requireText(String what, String value) {
		String text = value.strip();
		if (text.isEmpty() || text.length() > MAX_TEXT_LENGTH) {
			throw new ChatException(ErrorCode.INVALID_PARAMETER,
					"The " + what + " must be 1 to " + MAX_TEXT_LENGTH + " characters");
		}
		return text;
	}

	private static ChatException usernameTaken(Username name) {
		return new ChatException(ErrorCode.USERNAME_TAKEN, "Username [" + name.value() + "] is already taken");
	}

}
