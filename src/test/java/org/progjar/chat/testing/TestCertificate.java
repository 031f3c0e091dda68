package org.progjar.chat.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway self-signed server certificate for {@code localhost} and {@code 127.0.0.1}, made
 * fresh for a test run, written where the server's SSL bundles read it (PEM files or a PKCS12
 * keystore), and trusted by the test's clients.
 */
public record TestCertificate(X509Certificate certificate, KeyPair keys) {

	private static final SecureRandom random = new SecureRandom();

	public static TestCertificate selfSigned(String commonName) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			KeyPair keys = generator.generateKeyPair();
			X500Name subject = new X500Name("CN=" + commonName);
			Instant now = Instant.now();
			JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
					new BigInteger(64, random), Date.from(now.minus(Duration.ofHours(1))),
					Date.from(now.plus(Duration.ofDays(1))), subject, keys.getPublic());
			builder.addExtension(Extension.subjectAlternativeName, false,
					new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
							new GeneralName(GeneralName.iPAddress, "127.0.0.1") }));
			X509Certificate certificate = new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
			return new TestCertificate(certificate, keys);
		}
		catch (GeneralSecurityException | OperatorCreationException | IOException ex) {
			throw new IllegalStateException("Could not make a test certificate", ex);
		}
	}

	/** The certificate and its unencrypted PKCS#8 private key as PEM files. */
	public void writePem(Path certificateFile, Path privateKeyFile) {
		try (Writer out = Files.newBufferedWriter(certificateFile); JcaPEMWriter pem = new JcaPEMWriter(out)) {
			pem.writeObject(this.certificate);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try (Writer out = Files.newBufferedWriter(privateKeyFile); JcaPEMWriter pem = new JcaPEMWriter(out)) {
			pem.writeObject(new JcaPKCS8Generator(this.keys.getPrivate(), null));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A PKCS12 keystore holding the key and certificate under {@code alias}. */
	public void writePkcs12(Path file, String alias, String password) {
		try (OutputStream out = Files.newOutputStream(file)) {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			store.setKeyEntry(alias, this.keys.getPrivate(), password.toCharArray(),
					new Certificate[] { this.certificate });
			store.store(out, password.toCharArray());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A client-side context that trusts these certificates and nothing else. */
	public static SSLContext trusting(TestCertificate... certificates) {
		try {
			KeyStore trusted = KeyStore.getInstance("PKCS12");
			trusted.load(null, null);
			for (int i = 0; i < certificates.length; i++) {
				trusted.setCertificateEntry("trusted-" + i, certificates[i].certificate());
			}
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trusted);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
