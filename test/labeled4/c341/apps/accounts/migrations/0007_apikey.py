from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("accounts", "0006_user_password_changed")]
    operations = [
        migrations.AddField("apikey", "hashed_key", models.CharField(max_length=128)),
        migrations.AddField("apikey", "prefix", models.CharField(max_length=8, default="acme_")),
    ]
