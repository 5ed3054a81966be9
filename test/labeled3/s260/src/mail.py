import smtplib

SMTP_HOST = "smtp.acme.io"
SMTP_USER = "alerts@acme.io"
SMTP_PASSWORD = "«pw»"


def send(msg):
    with smtplib.SMTP_SSL(SMTP_HOST) as s:
        s.login(SMTP_USER, SMTP_PASSWORD)
        s.send_message(msg)
